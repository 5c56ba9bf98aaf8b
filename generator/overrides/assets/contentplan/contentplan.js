/* contentplan in the browser: everything that depends on today, and the operator's checklist.

   The build cannot know today, so the pages carry the plan's zone (and, on the home page and
   /today/, each day's counts by status name, the statuses' labels and the weekdays') in
   <script id="cp-plan" type="application/json">, and this script works out today in that zone
   from the phone's clock, refreshing every minute.

   On a day page each post is a card (section.cp-card, made by markdown_layout.py). This adds:
   a tick per post (localStorage, scoped to the site and the plan, keyed by post id and revision,
   so a rebuild that changes the post resets it with a notice), big copy buttons with a fallback for WebViews without the
   Clipboard API, an undo toast, a progress line, next due and overdue marks, and filter chips.

   How it is made: the built page is read once (the cards, the page JSON, what the phone stored)
   into plain objects, the checklist's state; a tap changes the state, and the page is rendered
   from it (render*), never read back. One click listener on the document serves every button
   (actions, matched by closest()), and a button counts only if it is one this script made.
   What needs no page (the JSON checked, the clock in the plan's zone, progress, filters, the
   texts) is logic.js, window.ContentPlanLogic, loaded before this and unit-tested under node.
   Plain ES5, no framework: it must run in WeChat's in-app browser and old iOS and Android
   WebViews (tools/jscheck holds every script to ES5 syntax).

   Nothing may move when this runs, after the page's first paint (a phone on a slow line paints
   the cards long before this script arrives, and the operator is already reaching for a
   button): whatever it adds above or between the cards takes a place the page already holds
   (the templates' .cp-progress and .cp-slot elements, contentplan.css gives both the same box),
   and the marks of the clock change colours, never sizes. /today/ shows today's day page in
   place, fetched, rather than loading a second page. */
(function () {
  "use strict";

  var L = window.ContentPlanLogic;
  if (!L) return;  // logic.js did not load: the page stays as built, and still reads
  var map = L.map, own = L.own;

  // --- what the phone keeps: scoped to one plan, and never trusted ----------------------------

  // Sites of one organisation on GitHub Pages share an origin, so they share localStorage. Every
  // key starts with the site's root path and the plan's id ("contentplan:/shop-a/:contentplan-1a2b…:"),
  // so a tick in one plan is never read as another's. A page without a plan id (or whose root
  // cannot be worked out) reads and writes nothing: ticks then last the visit. What is read
  // back is checked by shape (logic.js tickFrom, filterFrom), a filter by the plan's own ids:
  // anything else (another version's value, a hand-edited one) reads as nothing stored.
  var scope = null;

  // The root path of the site: the page's own relative link to it, resolved like any link (an
  // <a>, not URL(): old WebViews have no URL constructor). Right under a sub-path, on any
  // scheme and host, and for both URL styles (days/2026-12-02/ and days/2026-12-02.html).
  function siteRoot(base) {
    var link = document.createElement("a");
    link.href = base + "/";
    var path = link.pathname;
    if (typeof path !== "string" || !path) return null;
    return path.charAt(0) === "/" ? path : "/" + path;  // old IE leaves the first slash off
  }

  function setScope(data) {
    var root = siteRoot(data.base);
    scope = data.plan && root ? "contentplan:" + root + ":" + data.plan + ":" : null;
  }

  function store() {
    try { return window.localStorage || null; } catch (e) { return null; }  // blocked: a SecurityError
  }

  // What is stored under `key` in this plan's scope, parsed; undefined when nothing (or no JSON).
  function readJSON(key) {
    var db = store();
    if (!db || scope === null) return undefined;
    try {
      var text = db.getItem(scope + key);
      return typeof text === "string" ? JSON.parse(text) : undefined;
    } catch (e) { return undefined; }
  }

  function writeJSON(key, value) {
    var db = store();
    if (!db || scope === null) return;
    try { db.setItem(scope + key, JSON.stringify(value)); } catch (e) { /* private mode or full: ticks last the visit */ }
  }

  // --- the page ---------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // Writes only what differs: a live region is not read out again every minute for nothing.
  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function setAttr(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  function toggleClass(node, name, on) {
    if (node.classList.contains(name) !== !!on) node.classList.toggle(name, !!on);
  }

  function remove(node) {
    if (node && node.parentNode) node.parentNode.removeChild(node);
  }

  function every(selector, fn, from) {
    Array.prototype.forEach.call((from || document).querySelectorAll(selector), fn);
  }

  // The page's data from the template (only the theme writes this element; see main.html),
  // checked by shape like anything read (logic.js parsePlan).
  function planData(from) {
    var node = (from || document).querySelector('script#cp-plan[type="application/json"]');
    return node ? L.parsePlan(node.textContent) : null;
  }

  // --- one listener for every button -------------------------------------------------------------

  // [selector, handle(button, event)]: the first whose selector the tapped element (or one of
  // its ancestors) matches handles the click. Each handler acts only on a button this script
  // made (it looks the button up in its own view): a plan's notes cannot forge one.
  var actions = [];

  function onClick(selector, handle) {
    actions.push([selector, handle]);
  }

  function dispatch(event) {
    for (var i = 0; i < actions.length; i++) {
      var node = L.closest(event.target, actions[i][0], document);
      if (node) {
        actions[i][1](node, event);
        return;
      }
    }
  }

  // --- /today/ --------------------------------------------------------------------------------

  function setUpToday(data) {
    var out = document.querySelector("p.cp-today-result");
    if (!out || !data.days) return;
    var today = L.clockIn(data.zone).day;
    if (data.days[today]) {
      openDayHere(data, today, out);
      return;
    }
    var around = L.nearestDays(data.days, today);
    out.textContent = "";
    out.appendChild(document.createTextNode("今天 " + L.dayTitle(today, data.weekdays) + " 没有安排 Nothing planned today."));
    if (around.next) out.appendChild(el("br"));
    if (around.next) out.appendChild(dayLink(data, around.next, "下一个安排 Next: "));
    if (around.last) out.appendChild(el("br"));
    if (around.last) out.appendChild(dayLink(data, around.last, "上一个安排 Last: "));
  }

  // Today's day page, shown in /today/ itself: its article is fetched (one request, no second
  // page load: the theme's styles and scripts stay as they are) and takes the place of this
  // page's, its links made absolute first (they are relative to the day page). The address stays
  // /today/, which is what an operator keeps on her home screen. Whatever goes wrong (offline, an
  // old WebView without XHR documents, a page that is not a day page) falls back to going there.
  var TODAY_TIMEOUT = 8000;

  function openDayHere(data, iso, out) {
    var url = L.dayUrl(data, iso), done = false;
    out.textContent = "正在打开 " + L.dayTitle(iso, data.weekdays) + " 的清单 Opening today's checklist…";
    function go() {
      if (done) return;
      done = true;
      window.location.replace(url);
    }
    var xhr;
    try {
      xhr = new XMLHttpRequest();
      xhr.open("GET", url);
      xhr.responseType = "document";
      xhr.timeout = TODAY_TIMEOUT;
    } catch (e) { go(); return; }
    xhr.onload = function () {
      if (done) return;
      var doc = xhr.status === 200 && xhr.responseType === "document" ? xhr.response : null;
      var ok = false;
      try { ok = !!doc && showDay(data, doc, out); } catch (e) { ok = false; }
      if (ok) done = true;
      else go();
    };
    xhr.onerror = xhr.ontimeout = xhr.onabort = go;
    try { xhr.send(); } catch (e) { go(); }
  }

  // The day page's article in place of this page's; false (nothing changed) if it is not one.
  function showDay(data, doc, out) {
    var from = doc.querySelector("article.md-content__inner");
    var to = out.parentNode;
    var dayData = planData(doc);
    if (!from || !to || !dayData || !from.querySelector("section.cp-card > h2.cp-post")) return false;
    every("script", remove, from);
    // a.href and img.src read absolute, resolved against the day page's address (the fetched
    // document's); a link within the page (#id) stays one
    every("a[href]", function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("href", a.href);
    }, from);
    every("img[src]", function (img) { img.setAttribute("src", img.src); }, from);
    var content = document.createDocumentFragment();
    Array.prototype.forEach.call(from.childNodes, function (node) {
      content.appendChild(document.importNode(node, true));
    });
    while (to.firstChild) to.removeChild(to.firstChild);
    to.appendChild(content);
    data.choices = dayData.choices;
    startDay(data);
    return true;
  }

  function dayLink(data, iso, label) {
    return el("a", { href: L.dayUrl(data, iso), text: label + L.dayTitle(iso, data.weekdays) });
  }

  // --- home: today and the next 7 days ---------------------------------------------------------

  function setUpHome(data) {
    var slot = document.querySelector("p.cp-home-today");
    if (!slot || !data.days) return;
    var today = L.clockIn(data.zone).day;
    var block = el("div", { className: "cp-home-today", "data-day": today });
    var counts = data.days[today];
    block.appendChild(el("p", { className: "cp-home-date", text: L.dayTitle(today, data.weekdays) }));
    if (counts) {
      block.appendChild(el("p", { text: L.countsText(counts, data.statuses) }));
      block.appendChild(el("p", { className: "cp-home-around" }, [
        el("a", { className: "md-button md-button--primary", href: L.dayUrl(data, today),
                  text: "打开今天的清单 Open today's checklist" })]));
    } else {
      var around = L.nearestDays(data.days, today);
      block.appendChild(el("p", { text: "今天没有安排 Nothing planned today." }));
      var links = el("p", { className: "cp-home-around" });
      if (around.next) links.appendChild(el("span", {}, [dayLink(data, around.next, "下一个 Next: ")]));
      if (around.last) links.appendChild(el("span", {}, [dayLink(data, around.last, "上一个 Last: ")]));
      block.appendChild(links);
    }
    var list = el("ul", { className: "cp-week" });
    for (var i = 1; i <= 7; i++) {
      var iso = L.addDays(today, i);
      var c = data.days[iso];
      var label = L.dayTitle(iso, data.weekdays).slice(5);  // "12-03 周四"
      list.appendChild(el("li", { "data-day": iso }, [
        c ? el("a", { href: L.dayUrl(data, iso), text: label }) : el("span", { text: label }),
        document.createTextNode(" · " + (c ? L.countsText(c, data.statuses) : "无 none"))
      ]));
    }
    block.appendChild(el("p", { className: "cp-home-week", text: "未来 7 天 Next 7 days" }));
    block.appendChild(list);
    slot.parentNode.replaceChild(block, slot);
  }

  // --- the month grid and post lists: today marked, the past one tap away -------------------

  function setUpMonth(data) {
    var today = L.clockIn(data.zone).day;
    every("table.cp-month .cp-cell[data-day]", function (cell) {
      var td = L.closest(cell, "td", document);
      var isToday = cell.getAttribute("data-day") === today;
      if (td) td.classList.toggle("cp-today", isToday);
      if (td && isToday) cell.setAttribute("aria-current", "date");
    });
  }

  // Each list of posts: its items before today hidden behind a button, until it is tapped.
  var pastLists = [];  // [{items (the hidden ones), shown, button}]

  function setUpPostLists(data) {
    var today = L.clockIn(data.zone).day;
    every("ul.cp-posts", function (list) {
      list.classList.add("cp-ready");  // shown from now on (contentplan.css): the past is hidden below
      var items = Array.prototype.slice.call(list.children);
      var past = L.pastItems(items.map(function (item) { return item.getAttribute("data-day") || ""; }), today)
        .map(function (i) { return items[i]; });
      if (!past.length) return;
      var record = { items: past, shown: false,
                     button: el("button", { type: "button", className: "cp-show-past",
                                            text: "显示更早的 " + past.length + " 条 Show " + past.length + " earlier" }) };
      pastLists.push(record);
      list.parentNode.insertBefore(record.button, list);
      if (past.length === items.length) {
        list.parentNode.insertBefore(el("p", { className: "cp-none-ahead", text: "今天起没有安排 Nothing from today on." }), list);
      }
      renderPast(record);
    });
  }

  function renderPast(record) {
    record.items.forEach(function (item) { item.hidden = !record.shown; });
    if (record.shown) remove(record.button);
  }

  onClick("button.cp-show-past", function (button) {
    pastLists.forEach(function (record) {
      if (record.button !== button || record.shown) return;
      record.shown = true;
      renderPast(record);
      var first = record.items[0].querySelector("a");
      if (first) first.focus();
    });
  });

  // --- the day page: read once --------------------------------------------------------------------

  // Only the template's own cards count: a section.cp-card (made around a heading whose class
  // only attr_list can set) whose first element is that heading, and whose id is unique. Each
  // card gives a post (the state: plain values) and its view (the card's elements).
  function cardsOnPage() {
    var found = [];
    every("section.cp-card", function (card) {
      var heading = card.firstElementChild;
      if (!heading || heading.tagName !== "H2" || !heading.classList.contains("cp-post")) return;
      var id = heading.getAttribute("data-post");
      if (!id || heading.id !== id || document.getElementById(id) !== heading) return;
      found.push(readCard(card, heading));
    });
    return found;
  }

  function childOf(card, className, attr, value) {
    for (var node = card.firstElementChild; node; node = node.nextElementSibling) {
      if (node.classList.contains(className) && (!attr || node.getAttribute(attr) === value)) return node;
    }
    return null;
  }

  // `node` in the place the template kept for it (a .cp-slot, as big as the node: see
  // contentplan.css), else after `anchor` (or at the end of `parent`): a page built before the
  // slots, or a slot the template had no reason to keep (a filter only the phone remembers).
  function putInPlace(node, slot, parent, anchor) {
    if (slot) slot.parentNode.replaceChild(node, slot);
    else if (anchor) anchor.parentNode.insertBefore(node, anchor.nextSibling);
    else parent.appendChild(node);
    return node;
  }

  function readCard(card, heading) {
    var when = childOf(card, "cp-when");
    var owner = when && when.querySelector(".cp-owner");
    var channel = when && when.querySelector(".cp-channel");
    var block = childOf(card, "cp-message");
    var code = block && block.querySelector("code");
    var post = {
      id: heading.getAttribute("data-post"), rev: heading.getAttribute("data-rev") || "",
      day: heading.getAttribute("data-day") || "", time: heading.getAttribute("data-time") || "",
      status: heading.getAttribute("data-status") || "",
      owner: heading.getAttribute("data-owner") || "", ownerName: owner ? owner.textContent : "",
      channel: heading.getAttribute("data-channel") || "", channelName: channel ? channel.textContent : "",
      headline: headingText(heading),
      message: code ? code.textContent.replace(/\n$/, "") : null,
      copyHeadline: heading.getAttribute("data-headline") === "1",
      done: false, doneAt: null, changed: false,
      copy: { headline: { shown: "", armedAt: 0 }, message: { shown: "", armedAt: 0 } }
    };
    var view = { card: card, heading: heading, code: code, tick: null, note: null,
                 copy: { headline: null, message: null } };
    return { post: post, view: view };
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    every(".headerlink, .cp-heading-day", remove, copy);
    return copy.textContent.trim();
  }

  // The day's title for the report, "2026-12-02 周三": from the page JSON's weekdays where it
  // has them (/today/), else as the day page's own cards write it.
  function dayTitleOnPage(iso, data, views) {
    if (data.weekdays) return L.dayTitle(iso, data.weekdays);
    var mark = views.length ? views[0].heading.querySelector(".cp-heading-day") : null;
    var text = mark ? mark.textContent.replace(/\s+/g, " ").trim() : "";
    return text.indexOf(iso + " ") === 0 && text.length <= iso.length + 21 ? text : iso;
  }

  // --- the day page: its state, and the page made from it -------------------------------------------

  var day = null;  // the checklist shown: {data, title, posts, filter, clock, report, toast}
  var view = null;  // its elements: {posts (by id), bar …, chips: [{node, key, value, name}], toast …}
  var timers = map();  // what resets itself later: copy buttons, the report button, the toast

  function later(key, ms, fn) {
    clearTimeout(timers[key]);
    timers[key] = setTimeout(fn, ms);
  }

  var COPY_LABEL = { headline: "复制标题 Copy headline", message: "复制话术 Copy message" };
  var COPY_SAID = {
    ask: ["草稿未审核 · 再点一次复制 Not approved — tap again to copy", "cp-ask"],
    copied: ["已复制 Copied ✓", "cp-copied"],
    selected: ["已选中 · 请长按复制 Selected — long-press to copy", "cp-copied"]
  };
  var REPORT_LABEL = { "": "复制日报 Report", copied: "已复制日报 Copied ✓", failed: "复制失败 Not copied" };

  function startDay(data) {
    var found = cardsOnPage();
    if (!found.length) return;
    var views = map();
    var posts = found.map(function (f) { views[f.post.id] = f.view; return f.post; });
    // a filter may name any owner or channel of the plan's posts (some not on this day)
    var choices = data.choices;
    posts.forEach(function (post) {
      if (L.SLUG.test(post.owner)) choices.owner[post.owner] = true;
      if (L.SLUG.test(post.channel)) choices.channel[post.channel] = true;
    });
    posts.forEach(function (post) {
      if (L.isCancelled(post)) return;  // nothing to send: no tick
      var started = L.startingTick(post, L.tickFrom(readJSON("tick:" + post.id)));
      post.done = started.done;
      post.doneAt = started.doneAt;
      post.changed = started.changed;
    });
    day = {
      data: data, posts: posts, filter: L.filterFrom(readJSON("filter"), choices),
      title: dayTitleOnPage(posts[0].day, data, found.map(function (f) { return f.view; })),
      clock: L.clockIn(data.zone), report: "", toast: null
    };
    view = { posts: views, chips: [], toast: null, toastFor: null };
    document.body.classList.add("cp-day-page");  // room below the last card for the undo toast
    posts.forEach(function (post) { addControls(post, views[post.id]); });
    addBar();
    render();
    setInterval(update, 60 * 1000);
  }

  function postById(id) {
    for (var i = 0; day && i < day.posts.length; i++) if (day.posts[i].id === id) return day.posts[i];
    return null;
  }

  // The clock read again, and the page made from the state.
  function update() {
    day.clock = L.clockIn(day.data.zone);
    render();
  }

  // The buttons of a card, each in the place the template kept for it.
  function addControls(post, v) {
    var card = v.card, cancelled = L.isCancelled(post);
    if (post.copyHeadline && !cancelled) {
      v.copy.headline = putInPlace(copyButton("headline"), childOf(card, "cp-slot-copy", "data-copy", "headline"), card,
                                   childOf(card, "cp-band") || childOf(card, "cp-source") || v.heading);
    }
    if (v.code && !cancelled) {  // a cancelled post has nothing to send
      v.copy.message = putInPlace(copyButton("message"), childOf(card, "cp-slot-copy", "data-copy", "message"), card,
                                  childOf(card, "cp-message"));
    }
    if (cancelled) return;  // no tick
    v.tick = putInPlace(el("button", { type: "button", className: "cp-tick", "data-tick": post.id }),
                        childOf(card, "cp-slot-tick"), card, null);
  }

  function copyButton(what) {
    return el("button", { type: "button", className: "cp-copy", "data-copy": what, text: COPY_LABEL[what] });
  }

  // The sticky bar: progress, overdue and the report button on its first line, next due on its
  // second; and the filter chips. Both take the places the template kept before the first card.
  function addBar() {
    view.progress = el("span", { className: "cp-progress-count" });
    view.late = el("span", { className: "cp-late", hidden: "" });
    view.nextLine = el("span", { className: "cp-progress-next" });
    view.report = el("button", { type: "button", className: "cp-report", text: REPORT_LABEL[""] });
    view.bar = el("div", { className: "cp-progress" }, [
      el("span", { className: "cp-progress-head" }, [
        el("span", { role: "status", "aria-live": "polite" }, [view.progress, view.late]), view.report]),
      view.nextLine]);
    // The filter folds away: a phone's first screen is for the posts.
    view.chipBox = el("div", { className: "cp-chips" });
    view.summary = el("summary");
    view.filterBox = el("details", { className: "cp-filter" }, [view.summary, view.chipBox]);
    addChipRow("owner", "负责人");
    addChipRow("channel", "渠道");
    view.empty = el("p", { className: "cp-filter-empty", text: "筛选后没有帖子 No posts match this filter.", hidden: "" });
    var first = view.posts[day.posts[0].id].card, parent = first.parentNode;
    var barSlot = null, slot = null;  // the template's places: before the first card, in the page
    for (var node = parent.firstElementChild; node && node !== first; node = node.nextElementSibling) {
      if (node.classList.contains("cp-progress") && node.tagName === "P") barSlot = node;
      if (node.classList.contains("cp-slot-filter")) slot = node;
    }
    if (barSlot) parent.replaceChild(view.bar, barSlot);
    else parent.insertBefore(view.bar, first);
    if (view.chips.length) {
      if (slot) parent.replaceChild(view.filterBox, slot);
      else parent.insertBefore(view.filterBox, first);
    } else {
      remove(slot);  // cannot happen: the template keeps a place only where there are chips
    }
    parent.insertBefore(view.empty, first);
  }

  function addChipRow(key, label) {
    var row = L.chipRow(day.posts, key, day.filter);
    if (!row) return;
    var box = el("div", { className: "cp-chip-row", role: "group", "aria-label": label });
    box.appendChild(el("span", { className: "cp-chip-label", text: label }));
    [""].concat(row.values).forEach(function (value) {
      var chip = el("button", { type: "button", className: "cp-chip", "data-filter": key, "data-value": value,
                                text: value ? row.names[value] : "全部 All" });
      view.chips.push({ node: chip, key: key, value: value, name: value ? row.names[value] : "" });
      box.appendChild(chip);
    });
    view.chipBox.appendChild(box);
  }

  // --- rendering: the page from the state ------------------------------------------------------------

  function render() {
    var state = L.progress(day.posts, day.filter, day.clock), shown = 0;
    day.posts.forEach(function (post) {
      var v = view.posts[post.id], visible = L.shows(day.filter, post);
      if (visible) shown++;
      v.card.hidden = !visible;
      toggleClass(v.card, "cp-overdue", state.late[post.id] === true);
      toggleClass(v.card, "cp-next", state.next === post.id);
      renderTick(post, v);
      renderCopy(post, v, "headline");
      renderCopy(post, v, "message");
    });
    var early = document.getElementById("cp-early-filter");  // main.html's rule, before paint
    remove(early);
    renderBar(state, shown);
    renderToast();
  }

  function renderTick(post, v) {
    if (!v.tick) return;
    toggleClass(v.card, "cp-done", post.done);
    setAttr(v.tick, "aria-pressed", post.done ? "true" : "false");
    setText(v.tick, L.tickText(post.done));
    toggleClass(v.card, "cp-changed", post.changed);
    if (post.changed && !v.note) {
      v.note = el("p", { className: "cp-changed-note", role: "note",
                         text: "已修改 changed since ticked · 内容变了，请重新确认后再勾 check it again" });
      v.card.insertBefore(v.note, v.heading.nextSibling);
    } else if (!post.changed && v.note) {
      remove(v.note);
      v.note = null;
    }
  }

  function renderCopy(post, v, what) {
    var button = v.copy[what];
    if (!button) return;
    var said = COPY_SAID[post.copy[what].shown];
    setText(button, said ? said[0] : COPY_LABEL[what]);
    if (button.className !== "cp-copy" + (said ? " " + said[1] : "")) button.className = "cp-copy" + (said ? " " + said[1] : "");
  }

  function renderBar(state, shown) {
    setText(view.progress, L.progressText(state));
    setText(view.late, L.overdueText(state));
    view.late.hidden = !state.overdue;
    var next = state.next === null ? null : postById(state.next);
    var link = view.nextLine.firstChild;
    var href = next ? "#" + encodeURIComponent(next.id) : "", text = next ? "下一条 Next " + next.time + " " + next.channelName : "";
    if (link && (!next || link.getAttribute("href") !== href || link.textContent !== text)) {
      view.nextLine.removeChild(link);
      link = null;
    }
    if (next && !link) view.nextLine.appendChild(el("a", { href: href, text: text }));
    setText(view.report, REPORT_LABEL[day.report] || REPORT_LABEL[""]);
    view.chips.forEach(function (chip) {
      setAttr(chip.node, "aria-pressed", day.filter[chip.key] === chip.value ? "true" : "false");
    });
    view.empty.hidden = shown > 0;
    setText(view.summary, L.filterText(day.filter));
    toggleClass(view.filterBox, "cp-filter-on", L.filterNames(day.filter).length > 0);
  }

  // The undo toast: right after the tick in the page, so Tab goes from the tick to 撤销; on
  // screen it floats at the bottom, and the page moves up if it would cover the tick just tapped.
  function renderToast() {
    var toast = day.toast;
    if (view.toast && view.toastFor !== toast) {
      remove(view.toast);
      view.toast = view.toastFor = null;
    }
    if (!toast || view.toast) return;
    var post = postById(toast.id), tick = view.posts[toast.id].tick;
    view.toast = el("div", { className: "cp-toast", role: "status" }, [
      el("span", { text: L.toastText(post) }), el("button", { type: "button", className: "cp-undo", text: "撤销 Undo" })]);
    view.toastFor = toast;
    tick.parentNode.insertBefore(view.toast, tick.nextSibling);
    var tickBox = tick.getBoundingClientRect(), toastBox = view.toast.getBoundingClientRect();
    if (tickBox.bottom > toastBox.top - 8) window.scrollBy(0, tickBox.bottom - toastBox.top + 16);
  }

  // --- what a tap does: the state changed, then the page rendered ------------------------------------

  function setDone(post, done, withUndo) {
    var before = post.done;
    post.done = done;
    post.changed = false;
    post.doneAt = done ? Date.now() : null;
    writeJSON("tick:" + post.id, L.tickRecord(post.rev, done, post.doneAt));
    if (withUndo) {
      var toast = day.toast = { id: post.id, before: before };
      later("toast", 8000, function () {
        if (day.toast === toast) day.toast = null;
        render();
      });
    }
    update();
  }

  // The post whose view holds `button` (its tick, or its copy button for `what`), or null: a
  // button is known by itself, never by what its attributes say.
  function ownerOf(button, what) {
    for (var i = 0; day && i < day.posts.length; i++) {
      var v = view.posts[day.posts[i].id];
      if ((what ? v.copy[what] : v.tick) === button) return day.posts[i];
    }
    return null;
  }

  onClick("button.cp-tick", function (button) {
    var post = ownerOf(button, null);
    if (post) setDone(post, !post.done, true);
  });

  onClick("button.cp-undo", function (button) {
    var toast = day && day.toast;
    if (!toast || !view.toast || !view.toast.contains(button)) return;
    day.toast = null;
    setDone(postById(toast.id), toast.before, false);
    view.posts[toast.id].tick.focus();
  });

  onClick("button.cp-copy", function (button) {
    var what = button.getAttribute("data-copy");
    if (!day || !own(COPY_LABEL, what)) return;
    var post = ownerOf(button, what);
    if (!post) return;
    var copy = post.copy[what], key = post.id + ":" + what, v = view.posts[post.id];
    function say(shown) {
      copy.shown = shown;
      render();
      later(key, 3000, function () { copy.shown = ""; copy.armedAt = 0; render(); });
    }
    if (L.asksFirst(post, copy.armedAt, Date.now())) {
      copy.armedAt = Date.now();  // a draft is not approved: the first tap asks, the second copies
      say("ask");
      return;
    }
    copy.armedAt = 0;
    var text = what === "headline" ? post.headline : post.message;
    copyText(text, what === "headline" ? v.heading : v.code, function (how) {
      say(how === "copied" ? "copied" : "selected");
    });
  });

  onClick("button.cp-chip", function (button) {
    if (!day) return;
    view.chips.forEach(function (chip) {
      if (chip.node !== button) return;
      day.filter[chip.key] = chip.value;
      day.filter[chip.key + "Name"] = chip.name;
      if (!chip.value || chip.key === "channel") {
        view.filterBox.open = false;
        view.summary.focus();  // keyboard users stay where they were
      }
      writeJSON("filter", day.filter);  // remembered on this phone, for every day page of this plan
      update();
    });
  });

  onClick("button.cp-report", function (button) {
    if (!day || button !== view.report) return;
    day.clock = L.clockIn(day.data.zone);
    var text = L.reportText({ title: day.title, posts: day.posts, filter: day.filter, clock: day.clock,
                              zone: day.data.zone });
    copyPlain(text, function (how) {
      day.report = how === "copied" ? "copied" : "failed";
      render();
      later("report", 3000, function () { day.report = ""; render(); });
    });
  });

  // --- copy --------------------------------------------------------------------------------------------

  // Copy: the Clipboard API where there is one, else select the text and try the old command;
  // if that fails too the text stays selected, so a long press copies it.
  function copyText(text, source, done) {
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var last = lastText(source);  // a code block ends in a newline the message does not have
      if (last && /\n$/.test(last.data) && text.slice(-1) !== "\n") range.setEnd(last, last.data.length - 1);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      done(ok ? "copied" : "selected");
    }
    var clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function") {
      clipboard.writeText(text).then(function () { done("copied"); }, fallback);
    } else {
      fallback();
    }
  }

  // Text that is on no element (the day report): the clipboard, else a textarea off screen.
  function copyPlain(text, done) {
    function fallback() {
      var area = el("textarea", { className: "cp-offscreen", readonly: "" });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      remove(area);
      done(ok ? "copied" : "failed");
    }
    var clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function") clipboard.writeText(text).then(function () { done("copied"); }, fallback);
    else fallback();
  }

  function lastText(node) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, null, false);
    var last = null;
    while (walker.nextNode()) last = walker.currentNode;
    return last;
  }

  // --- calendar feeds: subscribe links --------------------------------------------------------

  // A webcal: link opens the phone's calendar app on "subscribe". The page does not know the
  // site's address at build time, so the links are made here from the feed's own address.
  function setUpSubscribeLinks() {
    every("a.cp-webcal[href]", function (link) {
      var url;
      try { url = new URL(link.getAttribute("href"), window.location.href); } catch (e) { return; }
      if (url.origin !== window.location.origin || !/^https?:$/.test(url.protocol)) return;
      link.setAttribute("data-feed", url.href);
      link.href = "webcal://" + url.host + url.pathname;
    });
  }

  // --- start ----------------------------------------------------------------------------------

  // The theme's search overlay is a dialog without a name (axe aria-dialog-name): give it one.
  function nameTheSearch() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "搜索 Search");
  }

  function setUp() {
    nameTheSearch();
    setUpSubscribeLinks();
    document.addEventListener("click", dispatch);
    var data = planData();
    if (!data) return;
    setScope(data);
    setUpToday(data);
    setUpHome(data);
    setUpMonth(data);
    setUpPostLists(data);
    startDay(data);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

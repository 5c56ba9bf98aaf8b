/* contentplan in the browser: everything that depends on today, and the operator's checklist.

   The build cannot know today, so the pages carry the plan's zone (and, on the home page and
   /today/, each day's counts) in <script id="cp-plan" type="application/json">, and this script
   works out today in that zone from the phone's clock, refreshing every minute.

   On a day page each post is a card (section.cp-card, made by markdown_layout.py). This adds:
   a tick per post (localStorage, scoped to the site and the plan, keyed by post id and revision,
   so a rebuild that changes the post resets it with a notice), big copy buttons with a fallback for WebViews without the
   Clipboard API, an undo toast, a progress line, next due and overdue marks, and filter chips.
   Plain ES5, no framework: it must run in WeChat's in-app browser and old iOS WebViews.

   Nothing may move when this runs, after the page's first paint (a phone on a slow line paints
   the cards long before this script arrives, and the operator is already reaching for a
   button): whatever it adds above or between the cards takes a place the page already holds
   (the templates' .cp-progress and .cp-slot elements, contentplan.css gives both the same box),
   and the marks of the clock change colours, never sizes. /today/ shows today's day page in
   place, fetched, rather than loading a second page. */
(function () {
  "use strict";

  var WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
  var SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

  // --- what the phone keeps: scoped to one plan, and never trusted ----------------------------

  // Sites of one organisation on GitHub Pages share an origin, so they share localStorage. Every
  // key starts with the site's root path and the plan's id ("contentplan:/shop-a/:contentplan-1a2b…:"),
  // so a tick in one plan is never read as another's. A page without a plan id (or whose root
  // cannot be worked out) reads and writes nothing: ticks then last the visit. What is read
  // back is checked by shape, and a filter by the plan's own ids: anything else (another
  // version's value, a hand-edited one) reads as nothing stored.
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

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // value[key] if it is value's own (never Object.prototype's: "constructor" is a valid id).
  function own(value, key) {
    return isRecord(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
  }

  // A map keyed by ids or days: no prototype, so no key is found that was not put there.
  function map() {
    return Object.create(null);
  }

  // A tick: {done: true|false, rev: "…", at: ms since 1970 when it was ticked (for the day
  // report; absent in ticks older than it)}, or null.
  function readTick(postId) {
    var value = readJSON("tick:" + postId);
    var done = own(value, "done"), rev = own(value, "rev"), at = own(value, "at");
    if (typeof done !== "boolean" || typeof rev !== "string") return null;
    return { done: done, rev: rev, at: typeof at === "number" && isFinite(at) && at > 0 ? at : null };
  }

  // The filter: an owner and a channel id, each one the plan has (`choices`, from the page's
  // data) or "" for all, with the name its chip showed (the id if the name is odd).
  function readFilter(choices) {
    var value = readJSON("filter"), filter = { owner: "", ownerName: "", channel: "", channelName: "" };
    ["owner", "channel"].forEach(function (key) {
      var id = own(value, key), name = own(value, key + "Name");
      if (typeof id !== "string" || own(choices[key], id) !== true) return;
      filter[key] = id;
      filter[key + "Name"] = typeof name === "string" && name && name.length <= 200 ? name : id;
    });
    return filter;
  }

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

  // The page's data from the template (only the theme writes this element; see main.html),
  // checked by shape like anything read: maps keyed by days or ids get no prototype.
  var DAY = /^\d{4}-\d\d-\d\d$/;

  function planData(from) {
    var node = (from || document).querySelector('script#cp-plan[type="application/json"]');
    var raw = null;
    try { raw = node ? JSON.parse(node.textContent) : null; } catch (e) { raw = null; }
    var zone = own(raw, "zone"), base = own(raw, "base"), plan = own(raw, "plan"), pattern = own(raw, "day_url");
    if (typeof zone !== "string") return null;
    var filters = own(raw, "filters");
    return {
      zone: zone,
      base: typeof base === "string" ? base : ".",
      plan: typeof plan === "string" && SLUG.test(plan) ? plan : "",
      dayUrl: typeof pattern === "string" && pattern.indexOf("{key}") >= 0 ? pattern : "days/{key}/",
      days: own(raw, "days") === undefined ? null : daySummaries(own(raw, "days")),
      choices: { owner: idSet(own(filters, "owner")), channel: idSet(own(filters, "channel")) }
    };
  }

  // Each day's counts ([all, then one per status]), by ISO day.
  function daySummaries(value) {
    var days = map();
    Object.keys(isRecord(value) ? value : {}).forEach(function (iso) {
      var counts = value[iso];
      if (DAY.test(iso) && Array.isArray(counts) && counts.length && counts.every(isCount)) days[iso] = counts;
    });
    return days;
  }

  function isCount(n) {
    return typeof n === "number" && n >= 0 && n % 1 === 0;
  }

  function idSet(value) {
    var set = map();
    (Array.isArray(value) ? value : []).forEach(function (id) { if (typeof id === "string" && SLUG.test(id)) set[id] = true; });
    return set;
  }

  // Today and the minute of the day in the plan's zone, from the phone's clock (or at `moment`).
  function clockIn(zone, moment) {
    var now = moment || new Date();
    var parts = map();  // keyed by Intl's part types
    try {
      new Intl.DateTimeFormat("en-US", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hour12: false  // hourCycle is unknown to old WebViews
      }).formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) {  // no time zone support: the phone's own zone is the best guess
      parts = { year: String(now.getFullYear()), month: pad(now.getMonth() + 1), day: pad(now.getDate()),
                hour: pad(now.getHours()), minute: pad(now.getMinutes()) };
    }
    var hour = Number(parts.hour) % 24;
    return { day: parts.year + "-" + parts.month + "-" + parts.day, minute: hour * 60 + Number(parts.minute) };
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function minuteOf(hhmm) {
    var m = /^(\d\d):(\d\d)$/.exec(hhmm || "");
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  }

  function weekday(iso) {
    var d = new Date(iso + "T12:00:00Z");
    return WEEKDAYS[d.getUTCDay()];
  }

  function addDays(iso, n) {
    var d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function dayUrl(data, iso) {
    return data.base + "/" + data.dayUrl.replace("{key}", function () { return iso; });
  }

  function every(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  // --- /today/ --------------------------------------------------------------------------------

  function setUpToday(data) {
    var out = document.querySelector("p.cp-today-result");
    if (!out || !data.days) return;
    var today = clockIn(data.zone).day;
    if (data.days[today]) {
      openDayHere(data, today, out);
      return;
    }
    var around = nearestDays(data.days, today);
    out.textContent = "";
    out.appendChild(document.createTextNode("今天 " + today + " " + weekday(today) + " 没有安排 Nothing planned today."));
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
    var url = dayUrl(data, iso), done = false;
    out.textContent = "正在打开 " + iso + " " + weekday(iso) + " 的清单 Opening today's checklist…";
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
    Array.prototype.forEach.call(from.querySelectorAll("script"), function (s) { s.remove(); });
    // a.href and img.src read absolute, resolved against the day page's address (the fetched
    // document's); a link within the page (#id) stays one
    Array.prototype.forEach.call(from.querySelectorAll("a[href]"), function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("href", a.href);
    });
    Array.prototype.forEach.call(from.querySelectorAll("img[src]"), function (img) {
      img.setAttribute("src", img.src);
    });
    var content = document.createDocumentFragment();
    Array.prototype.forEach.call(from.childNodes, function (node) {
      content.appendChild(document.importNode(node, true));
    });
    while (to.firstChild) to.removeChild(to.firstChild);
    to.appendChild(content);
    data.choices = dayData.choices;
    var posts = cardsOnPage();
    if (posts.length) new DayPage(data, posts).start();
    return true;
  }

  function nearestDays(days, today) {
    var keys = Object.keys(days).sort();
    var next = null, last = null;
    keys.forEach(function (d) {
      if (d > today && next === null) next = d;
      if (d < today) last = d;
    });
    return { next: next, last: last };
  }

  function dayLink(data, iso, label) {
    return el("a", { href: dayUrl(data, iso), text: label + iso + " " + weekday(iso) });
  }

  // --- home: today and the next 7 days ---------------------------------------------------------

  var STATUS_NAMES = ["草稿", "已审核", "已发布", "已取消"];

  function countsText(counts) {
    var words = [counts[0] + " 条 posts"];
    for (var i = 1; i < counts.length; i++) if (counts[i]) words.push(STATUS_NAMES[i - 1] + " " + counts[i]);
    return words.join(" · ");
  }

  function setUpHome(data) {
    var slot = document.querySelector("p.cp-home-today");
    if (!slot || !data.days) return;
    var today = clockIn(data.zone).day;
    var block = el("div", { className: "cp-home-today", "data-day": today });
    var counts = data.days[today];
    block.appendChild(el("p", { className: "cp-home-date", text: today + " " + weekday(today) }));
    if (counts) {
      block.appendChild(el("p", { text: countsText(counts) }));
      block.appendChild(el("p", { className: "cp-home-around" }, [
        el("a", { className: "md-button md-button--primary", href: dayUrl(data, today),
                  text: "打开今天的清单 Open today's checklist" })]));
    } else {
      var around = nearestDays(data.days, today);
      block.appendChild(el("p", { text: "今天没有安排 Nothing planned today." }));
      var links = el("p", { className: "cp-home-around" });
      if (around.next) links.appendChild(el("span", {}, [dayLink(data, around.next, "下一个 Next: ")]));
      if (around.last) links.appendChild(el("span", {}, [dayLink(data, around.last, "上一个 Last: ")]));
      block.appendChild(links);
    }
    var list = el("ul", { className: "cp-week" });
    for (var i = 1; i <= 7; i++) {
      var iso = addDays(today, i);
      var c = data.days[iso];
      var label = iso.slice(5) + " " + weekday(iso);
      list.appendChild(el("li", { "data-day": iso }, [
        c ? el("a", { href: dayUrl(data, iso), text: label }) : el("span", { text: label }),
        document.createTextNode(" · " + (c ? countsText(c) : "无 none"))
      ]));
    }
    block.appendChild(el("p", { className: "cp-home-week", text: "未来 7 天 Next 7 days" }));
    block.appendChild(list);
    slot.parentNode.replaceChild(block, slot);
  }

  // --- the month grid and post lists: today marked, the past one tap away -------------------

  function setUpMonth(data) {
    var today = clockIn(data.zone).day;
    every("table.cp-month .cp-cell[data-day]", function (cell) {
      var td = cell.closest("td");
      if (td) td.classList.toggle("cp-today", cell.getAttribute("data-day") === today);
      if (td && cell.getAttribute("data-day") === today) cell.setAttribute("aria-current", "date");
    });
  }

  function setUpPostLists(data) {
    var today = clockIn(data.zone).day;
    every("ul.cp-posts", function (list) {
      list.classList.add("cp-ready");  // shown from now on (contentplan.css): the past is hidden below
      var past = Array.prototype.filter.call(list.children, function (item) {
        var day = item.getAttribute("data-day");
        return day && day < today;
      });
      if (!past.length) return;
      past.forEach(function (item) { item.hidden = true; });
      var button = el("button", { type: "button", className: "cp-show-past",
                                  text: "显示更早的 " + past.length + " 条 Show " + past.length + " earlier" });
      button.addEventListener("click", function () {
        past.forEach(function (item) { item.hidden = false; });
        var first = past[0].querySelector("a");
        button.remove();
        if (first) first.focus();
      });
      list.parentNode.insertBefore(button, list);
      if (past.length === list.children.length) {
        list.parentNode.insertBefore(el("p", { className: "cp-none-ahead", text: "今天起没有安排 Nothing from today on." }), list);
      }
    });
  }

  // --- the day page ---------------------------------------------------------------------------

  // Only the template's own cards count: a section.cp-card (made around a heading whose class
  // only attr_list can set) whose first element is that heading, and whose id is unique.
  function cardsOnPage() {
    var cards = [];
    every("section.cp-card", function (card) {
      var heading = card.firstElementChild;
      if (!heading || heading.tagName !== "H2" || !heading.classList.contains("cp-post")) return;
      var id = heading.getAttribute("data-post");
      if (!id || heading.id !== id || document.getElementById(id) !== heading) return;
      cards.push(makePost(card, heading));
    });
    return cards;
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

  function makePost(card, heading) {
    var when = childOf(card, "cp-when");
    var owner = when && when.querySelector(".cp-owner");
    var channel = when && when.querySelector(".cp-channel");
    return {
      card: card, heading: heading, when: when,
      id: heading.getAttribute("data-post"), rev: heading.getAttribute("data-rev") || "",
      day: heading.getAttribute("data-day") || "", time: heading.getAttribute("data-time") || "",
      status: heading.getAttribute("data-status") || "",
      owner: heading.getAttribute("data-owner") || "", ownerName: owner ? owner.textContent : "",
      channel: heading.getAttribute("data-channel") || "", channelName: channel ? channel.textContent : "",
      done: false, tick: null
    };
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink, .cp-heading-day"), function (a) { a.remove(); });
    return copy.textContent.trim();
  }

  function messageCode(card) {
    var block = childOf(card, "cp-message");
    return block && block.querySelector("code");
  }

  function messageText(code) {
    return code.textContent.replace(/\n$/, "");
  }

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
      area.remove();
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

  function copyButton(post, what, label, source, getText) {
    var button = el("button", { type: "button", className: "cp-copy", "data-copy": what, text: label });
    var armed = 0, timer = null;
    function say(text, className) {
      button.textContent = text;
      button.className = "cp-copy " + (className || "");
      clearTimeout(timer);
      timer = setTimeout(function () { button.textContent = label; button.className = "cp-copy"; armed = 0; }, 3000);
    }
    button.addEventListener("click", function () {
      if (post.status === "draft" && Date.now() - armed > 4000) {
        armed = Date.now();  // a draft is not approved: the first tap asks, the second copies
        say("草稿未审核 · 再点一次复制 Not approved — tap again to copy", "cp-ask");
        return;
      }
      armed = 0;
      copyText(getText(), source, function (how) {
        if (how === "copied") say("已复制 Copied ✓", "cp-copied");
        else say("已选中 · 请长按复制 Selected — long-press to copy", "cp-copied");
      });
    });
    return button;
  }

  function DayPage(data, posts) {
    this.data = data;
    this.posts = posts;
    // a filter may name any owner or channel of the plan's posts (some not on this day)
    var choices = data.choices;
    posts.forEach(function (post) {
      if (SLUG.test(post.owner)) choices.owner[post.owner] = true;
      if (SLUG.test(post.channel)) choices.channel[post.channel] = true;
    });
    this.filter = readFilter(choices);
    this.toastTimer = null;
  }

  DayPage.prototype.start = function () {
    var page = this;
    document.body.classList.add("cp-day-page");  // room below the last card for the undo toast
    this.posts.forEach(function (post) { page.addControls(post); });
    this.addBar();
    this.applyFilter();
    this.refresh();
    setInterval(function () { page.refresh(); }, 60 * 1000);
  };

  DayPage.prototype.addControls = function (post) {
    var page = this, card = post.card;
    var headlineSource = post.heading.getAttribute("data-headline") === "1" && post.status !== "cancelled"
      ? post.heading : null;
    if (headlineSource) {
      putInPlace(copyButton(post, "headline", "复制标题 Copy headline", headlineSource, function () {
        return headingText(post.heading);
      }), childOf(card, "cp-slot-copy", "data-copy", "headline"), card,
      childOf(card, "cp-band") || childOf(card, "cp-source") || post.heading);
    }
    var code = post.status === "cancelled" ? null : messageCode(card);  // nothing to send
    if (code) {
      putInPlace(copyButton(post, "message", "复制话术 Copy message", code, function () {
        return messageText(code);
      }), childOf(card, "cp-slot-copy", "data-copy", "message"), card, childOf(card, "cp-message"));
    }
    if (post.status === "cancelled") return;  // nothing to send: no tick
    var record = readTick(post.id);
    post.done = post.status === "published";
    if (record && record.rev === post.rev) {
      post.done = !!record.done;
      post.doneAt = record.done ? record.at : null;
    }
    if (record && record.rev !== post.rev && record.done) {
      card.classList.add("cp-changed");
      card.insertBefore(el("p", { className: "cp-changed-note", role: "note",
                                  text: "已修改 changed since ticked · 内容变了，请重新确认后再勾 check it again" }),
                        post.heading.nextSibling);
    }
    post.tick = el("button", { type: "button", className: "cp-tick", "data-tick": post.id });
    post.tick.addEventListener("click", function () { page.setDone(post, !post.done, true); });
    putInPlace(post.tick, childOf(card, "cp-slot-tick"), card, null);
    this.showDone(post);
  };

  DayPage.prototype.showDone = function (post) {
    post.card.classList.toggle("cp-done", post.done);
    if (!post.tick) return;
    post.tick.setAttribute("aria-pressed", post.done ? "true" : "false");
    post.tick.textContent = post.done ? "✓ 已发 Sent" : "标记已发 Mark as sent";
  };

  DayPage.prototype.setDone = function (post, done, withUndo) {
    var before = post.done;
    post.done = done;
    post.card.classList.remove("cp-changed");
    var note = childOf(post.card, "cp-changed-note");
    if (note) note.remove();
    post.doneAt = done ? Date.now() : null;
    writeJSON("tick:" + post.id, done ? { done: true, rev: post.rev, at: post.doneAt } : { done: false, rev: post.rev });
    this.showDone(post);
    this.refresh();
    if (withUndo) this.toast(post, before);
  };

  DayPage.prototype.toast = function (post, before) {
    var page = this;
    if (this.toastNode) this.toastNode.remove();
    var undo = el("button", { type: "button", className: "cp-undo", text: "撤销 Undo" });
    var text = (post.done ? "已发 Sent: " : "未发 Not sent: ") + post.time + " " + post.channelName;
    this.toastNode = el("div", { className: "cp-toast", role: "status" }, [el("span", { text: text }), undo]);
    undo.addEventListener("click", function () {
      page.setDone(post, before, false);
      page.toastNode.remove();
      page.toastNode = null;
      post.tick.focus();
    });
    // Right after the tick in the page, so Tab goes from the tick to 撤销; on screen it floats
    // at the bottom, and the page moves up if it would cover the tick just tapped.
    post.tick.parentNode.insertBefore(this.toastNode, post.tick.nextSibling);
    var tick = post.tick.getBoundingClientRect(), toast = this.toastNode.getBoundingClientRect();
    if (tick.bottom > toast.top - 8) window.scrollBy(0, tick.bottom - toast.top + 16);
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(function () {
      if (page.toastNode) page.toastNode.remove();
      page.toastNode = null;
    }, 8000);
  };

  // The sticky bar: progress and overdue on its first line, next due on its second; and the
  // filter chips. Both take the places the template kept before the first card.
  DayPage.prototype.addBar = function () {
    this.progress = el("span", { className: "cp-progress-count" });
    this.late = el("span", { className: "cp-late", hidden: "" });
    this.nextLine = el("span", { className: "cp-progress-next" });
    var page = this;
    this.report = el("button", { type: "button", className: "cp-report", text: "复制日报 Report" });
    this.report.addEventListener("click", function () {
      var button = page.report;
      copyPlain(page.reportText(), function (how) {
        button.textContent = how === "copied" ? "已复制日报 Copied ✓" : "复制失败 Not copied";
        setTimeout(function () { button.textContent = "复制日报 Report"; }, 3000);
      });
    });
    this.bar = el("div", { className: "cp-progress" }, [
      el("span", { className: "cp-progress-head" }, [
        el("span", { role: "status", "aria-live": "polite" }, [this.progress, this.late]), this.report]),
      this.nextLine]);
    // The filter folds away: a phone's first screen is for the posts.
    this.chips = el("div", { className: "cp-chips" });
    this.summary = el("summary");
    this.filterBox = el("details", { className: "cp-filter" }, [this.summary, this.chips]);
    this.addChipRow("owner", "负责人", "ownerName");
    this.addChipRow("channel", "渠道", "channelName");
    this.empty = el("p", { className: "cp-filter-empty", text: "筛选后没有帖子 No posts match this filter.", hidden: "" });
    var first = this.posts[0].card, parent = first.parentNode;
    var barSlot = null, slot = null;  // the template's places: before the first card, in the page
    for (var node = parent.firstElementChild; node && node !== first; node = node.nextElementSibling) {
      if (node.classList.contains("cp-progress") && node.tagName === "P") barSlot = node;
      if (node.classList.contains("cp-slot-filter")) slot = node;
    }
    if (barSlot) parent.replaceChild(this.bar, barSlot);
    else parent.insertBefore(this.bar, first);
    if (this.chips.childNodes.length) {
      if (slot) parent.replaceChild(this.filterBox, slot);
      else parent.insertBefore(this.filterBox, first);
    } else if (slot) {
      slot.remove();  // cannot happen: the template keeps a place only where there are chips
    }
    parent.insertBefore(this.empty, first);
  };

  DayPage.prototype.addChipRow = function (key, label, nameKey) {
    var page = this, seen = map(), values = [];  // keyed by ids: "constructor" is one
    this.posts.forEach(function (post) {
      if (post[key] && !seen[post[key]]) { seen[post[key]] = post[nameKey] || post[key]; values.push(post[key]); }
    });
    var chosen = this.filter[key];
    if (chosen && !seen[chosen]) { seen[chosen] = this.filter[key + "Name"] || chosen; values.push(chosen); }
    if (values.length < 2 && !chosen) return;
    var row = el("div", { className: "cp-chip-row", role: "group", "aria-label": label });
    row.appendChild(el("span", { className: "cp-chip-label", text: label }));
    [""].concat(values).forEach(function (value) {
      var chip = el("button", { type: "button", className: "cp-chip", "data-filter": key, "data-value": value,
                                text: value ? seen[value] : "全部 All" });
      chip.addEventListener("click", function () {
        page.filter[key] = value;
        page.filter[key + "Name"] = value ? seen[value] : "";
        if (!value || key === "channel") {
          page.filterBox.open = false;
          page.summary.focus();  // keyboard users stay where they were
        }
        writeJSON("filter", page.filter);  // remembered on this phone, for every day page of this plan
        page.applyFilter();
        page.refresh();
      });
      row.appendChild(chip);
    });
    this.chips.appendChild(row);
  };

  DayPage.prototype.visible = function (post) {
    return (!this.filter.owner || post.owner === this.filter.owner) &&
           (!this.filter.channel || post.channel === this.filter.channel);
  };

  DayPage.prototype.applyFilter = function () {
    var page = this, shown = 0;
    var early = document.getElementById("cp-early-filter");  // main.html's rule, before paint
    if (early) early.parentNode.removeChild(early);
    this.posts.forEach(function (post) {
      post.card.hidden = !page.visible(post);
      if (!post.card.hidden) shown++;
    });
    Array.prototype.forEach.call(this.chips.querySelectorAll(".cp-chip"), function (chip) {
      var key = chip.getAttribute("data-filter");
      chip.setAttribute("aria-pressed", (page.filter[key] || "") === chip.getAttribute("data-value") ? "true" : "false");
    });
    this.empty.hidden = shown > 0;
    var names = [this.filter.ownerName, this.filter.channelName].filter(Boolean);
    this.summary.textContent = "筛选 Filter: " + (names.length ? "只看 " + names.join(" · ") : "全部 All");
    this.filterBox.classList.toggle("cp-filter-on", names.length > 0);
  };

  // Progress, next due and overdue, from the phone's clock in the plan's zone.
  DayPage.prototype.refresh = function () {
    var page = this, clock = clockIn(this.data.zone);
    var total = 0, done = 0, overdue = 0, next = null;
    this.posts.forEach(function (post) {
      var card = post.card, counts = page.visible(post) && post.status !== "cancelled";
      var due = post.day < clock.day || (post.day === clock.day && minuteOf(post.time) < clock.minute);
      var late = counts && !post.done && due;
      card.classList.toggle("cp-overdue", late);
      card.classList.remove("cp-next");
      if (!counts) return;
      total++;
      if (post.done) done++;
      if (late) overdue++;
      if (!post.done && !due && post.day === clock.day && next === null) next = post;
    });
    if (next) next.card.classList.add("cp-next");
    this.progress.textContent = done + " / " + total + " 已发";
    this.late.textContent = overdue ? overdue + " 条逾期 overdue" : "";
    this.late.hidden = !overdue;
    this.nextLine.textContent = "";
    if (next) {
      this.nextLine.appendChild(el("a", { href: "#" + encodeURIComponent(next.id),
                                          text: "下一条 Next " + next.time + " " + next.channelName }));
    }
  };

  // The day for the manager's staff group, as plain text that fits one WeChat message: what was
  // sent and when it was ticked, what is overdue, what is next; only the filtered owner's or
  // channel's posts when a filter is on. At most REPORT_LINES posts a section, titles cut short.
  var REPORT_LINES = 8;

  function cut(text, most) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    return text.length > most ? text.slice(0, most - 1) + "…" : text;
  }

  DayPage.prototype.reportText = function () {
    var page = this, clock = clockIn(this.data.zone), zone = this.data.zone;
    var sent = [], late = [], later = [], total = 0;
    this.posts.forEach(function (post) {
      if (!page.visible(post) || post.status === "cancelled") return;
      total++;
      var due = post.day < clock.day || (post.day === clock.day && minuteOf(post.time) < clock.minute);
      if (post.done) sent.push(post);
      else if (due) late.push(post);
      else later.push(post);
    });
    function line(mark, post, extra) {
      return mark + " " + post.time + " " + cut(post.channelName, 12) + " · " + cut(headingText(post.heading), 18) +
        (extra || "");
    }
    function section(title, posts, mark, extra) {
      if (!posts.length) return [];
      var out = [title + " " + posts.length];
      posts.slice(0, REPORT_LINES).forEach(function (post) { out.push(line(mark, post, extra && extra(post))); });
      if (posts.length > REPORT_LINES) out.push("…另有 " + (posts.length - REPORT_LINES) + " 条");
      return out;
    }
    var day = this.posts[0].day;
    var names = [this.filter.ownerName, this.filter.channelName].filter(Boolean);
    var head = day + " " + weekday(day) + " 发布日报" + (names.length ? " · " + names.join(" · ") : "");
    var lines = [head, "已发 " + sent.length + " / " + total];
    lines = lines.concat(section("✅ 已发", sent, "✓", function (post) {
      if (!post.doneAt) return "";
      var at = clockIn(zone, new Date(post.doneAt));
      return "（" + (at.day === post.day ? "" : at.day.slice(5) + " ") + pad(Math.floor(at.minute / 60)) + ":" +
        pad(at.minute % 60) + " 勾）";
    }));
    lines = lines.concat(section("⚠️ 逾期", late, "✗"));
    if (later.length) {
      lines.push("下一条 " + line("→", later[0]).slice(2) + (later.length > 1 ? "（之后还有 " + (later.length - 1) + " 条）" : ""));
    }
    return lines.join("\n");
  };

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
    var data = planData();
    if (!data) return;
    setScope(data);
    setUpToday(data);
    setUpHome(data);
    setUpMonth(data);
    setUpPostLists(data);
    var posts = cardsOnPage();
    if (posts.length) new DayPage(data, posts).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

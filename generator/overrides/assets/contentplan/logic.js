/* contentplan's pure logic: what the checklist works out, with no page in sight.

   The page JSON read and checked (every byte of a plan is untrusted), today and the minute in
   the plan's zone, the day's progress, next due and overdue, which posts a filter shows, the
   texts of the counts and of the day report. contentplan.js does the page: it parses the built
   page once, keeps the checklist's state in plain objects, and renders the page from them with
   these functions.

   The same file runs in two places: in the browser, as a plain script loaded before
   contentplan.js (it sets window.ContentPlanLogic), and under node for the unit tests
   (tests/js/, `node --test tests/js/`: module.exports). Nothing here touches the document or
   storage; a DOM node is only ever walked (closest). Plain ES5 like the other scripts
   (tools/jscheck holds it to that): it must run in WeChat's in-app browser and old WebViews. */
(function (root, make) {
  "use strict";
  var logic = make();
  if (typeof module !== "undefined" && module.exports) module.exports = logic;
  else root.ContentPlanLogic = logic;
})(typeof window !== "undefined" ? window : this, function () {
  "use strict";

  var SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;  // a plan's ids: posts, owners, channels, the plan
  var DAY = /^\d{4}-\d\d-\d\d$/;
  var NAME = /^[a-z][a-z0-9-]{0,31}$/;  // a status's name, as the page JSON writes it
  var TOTAL = "posts";  // the key of a day's count of all its posts (no status has this name)
  var CANCELLED = "cancelled";  // nothing left to send: no tick, no copy, not counted
  var PUBLISHED = "published";  // sent already: ticked until the operator says otherwise
  var DRAFT = "draft";  // not approved: a copy button asks first

  // --- untrusted values ------------------------------------------------------------------------

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

  function isCount(n) {
    return typeof n === "number" && isFinite(n) && n >= 0 && n % 1 === 0;
  }

  function shortText(value, most) {
    return typeof value === "string" && value.length > 0 && value.length <= most;
  }

  function idSet(value) {
    var set = map();
    (Array.isArray(value) ? value : []).forEach(function (id) { if (typeof id === "string" && SLUG.test(id)) set[id] = true; });
    return set;
  }

  // --- the page JSON (<script id="cp-plan">) -----------------------------------------------------

  // The statuses in workflow order, each with its label: [{name, label}]. The page JSON writes
  // them as [name, label] pairs (a list keeps the order through front matter); an object of
  // name → label is read in its own order too. A pair of the wrong shape, a name twice or a
  // name that is not a name is left out.
  function statusList(value) {
    var pairs = [], seen = map();
    if (Array.isArray(value)) {
      value.forEach(function (pair) { if (Array.isArray(pair) && pair.length === 2) pairs.push(pair); });
    } else if (isRecord(value)) {
      Object.keys(value).forEach(function (name) { pairs.push([name, value[name]]); });
    }
    var out = [];
    pairs.forEach(function (pair) {
      var name = pair[0], label = pair[1];
      if (typeof name !== "string" || !NAME.test(name) || name === TOTAL || seen[name] || !shortText(label, 40)) return;
      seen[name] = true;
      out.push({ name: name, label: label });
    });
    return out;
  }

  // The weekdays' labels, Monday first: seven short strings, or null.
  function weekdayList(value) {
    if (!Array.isArray(value) || value.length !== 7) return null;
    for (var i = 0; i < 7; i++) if (!shortText(value[i], 20)) return null;
    return value.slice();
  }

  // Each day's counts by ISO day: {posts: all, <status name>: count …}. A day without a count of
  // all its posts is left out; a status the JSON does not name, a count that is not a whole
  // number ≥ 0, and a zero are left out of the day.
  function daySummaries(value, statuses) {
    var days = map();
    Object.keys(isRecord(value) ? value : {}).forEach(function (iso) {
      var counts = value[iso], total = own(counts, TOTAL);
      if (!DAY.test(iso) || !isCount(total)) return;
      var day = map();
      day[TOTAL] = total;
      (statuses || []).forEach(function (status) {
        var n = own(counts, status.name);
        if (isCount(n) && n > 0) day[status.name] = n;
      });
      days[iso] = day;
    });
    return days;
  }

  // The page's data, from the text of its JSON: null when it is not JSON or has no zone.
  function parsePlan(text) {
    var raw = null;
    try { raw = typeof text === "string" ? JSON.parse(text) : null; } catch (e) { raw = null; }
    var zone = own(raw, "zone"), base = own(raw, "base"), plan = own(raw, "plan"), pattern = own(raw, "day_url");
    var day = own(raw, "day");
    if (typeof zone !== "string" || !zone) return null;
    var filters = own(raw, "filters"), statuses = statusList(own(raw, "statuses"));
    return {
      zone: zone,
      base: typeof base === "string" ? base : ".",
      plan: typeof plan === "string" && SLUG.test(plan) ? plan : "",
      day: typeof day === "string" && DAY.test(day) ? day : "",
      dayUrl: typeof pattern === "string" && pattern.indexOf("{key}") >= 0 ? pattern : "days/{key}/",
      statuses: statuses,
      weekdays: weekdayList(own(raw, "weekdays")),
      days: own(raw, "days") === undefined ? null : daySummaries(own(raw, "days"), statuses),
      choices: { owner: idSet(own(filters, "owner")), channel: idSet(own(filters, "channel")) }
    };
  }

  function dayUrl(data, iso) {
    return data.base + "/" + data.dayUrl.replace("{key}", function () { return iso; });
  }

  // --- dates and the clock ------------------------------------------------------------------------

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  var US_DATE = /^(\d\d)\/(\d\d)\/(\d{4}),? (\d\d):(\d\d)$/;  // en-US, as format() writes it

  // Today and the minute of the day in the plan's zone (an IANA name), from the phone's clock or
  // at `moment` (a Date). Where Intl knows the zone but not formatToParts (WebViews before 2017),
  // its formatted text is read; where it knows no zones, the phone's own zone is the best guess.
  function clockIn(zone, moment) {
    var now = moment || new Date();
    var parts = null;
    try {
      var format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hour12: false  // hourCycle is unknown to old WebViews
      });
      if (typeof format.formatToParts === "function") {
        parts = map();  // keyed by Intl's part types
        format.formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
      } else {
        var m = US_DATE.exec(format.format(now).replace(/[^\x20-\x7e]/g, ""));  // no marks, no odd spaces
        parts = m ? { year: m[3], month: m[1], day: m[2], hour: m[4], minute: m[5] } : null;
      }
    } catch (e) {
      parts = null;
    }
    if (!parts || !/^\d{4}$/.test(parts.year) || !/^\d\d$/.test(parts.month) || !/^\d\d$/.test(parts.day)) {
      parts = { year: String(now.getFullYear()), month: pad(now.getMonth() + 1), day: pad(now.getDate()),
                hour: String(now.getHours()), minute: String(now.getMinutes()) };
    }
    var hour = Number(parts.hour) % 24;  // some engines write midnight as 24:00
    return { day: parts.year + "-" + parts.month + "-" + parts.day, minute: hour * 60 + Number(parts.minute) };
  }

  // "08:30" → 510; anything else → 0
  function minuteOf(hhmm) {
    var m = /^(\d\d):(\d\d)$/.exec(hhmm || "");
    return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  }

  function hhmm(minute) {
    return pad(Math.floor(minute / 60)) + ":" + pad(minute % 60);
  }

  function addDays(iso, n) {
    var d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  // The label of the day's weekday (`weekdays` Monday first, as the page JSON lists them; a
  // Date counts from Sunday), or "" without labels.
  function weekdayOf(iso, weekdays) {
    var d = new Date(iso + "T12:00:00Z");
    if (!weekdays || isNaN(d.getTime())) return "";
    return weekdays[(d.getUTCDay() + 6) % 7] || "";
  }

  // "2026-12-02 周三" (the day alone without labels)
  function dayTitle(iso, weekdays) {
    var name = weekdayOf(iso, weekdays);
    return name ? iso + " " + name : iso;
  }

  // The days with posts around `today`: the first after it and the last before it (or null).
  function nearestDays(days, today) {
    var next = null, last = null;
    Object.keys(days || {}).sort().forEach(function (d) {
      if (d > today && next === null) next = d;
      if (d < today) last = d;
    });
    return { next: next, last: last };
  }

  // "5 条 posts · <label> 1 · <label> 4": all, then each status with posts, in workflow order.
  function countsText(counts, statuses) {
    var words = [(isCount(own(counts, TOTAL)) ? counts[TOTAL] : 0) + " 条 posts"];
    (statuses || []).forEach(function (status) {
      var n = own(counts, status.name);
      if (isCount(n) && n > 0) words.push(status.label + " " + n);
    });
    return words.join(" · ");
  }

  // --- what the phone keeps: checked by shape ----------------------------------------------------

  // A tick as stored: {done: true|false, rev: "…", at: ms since 1970 when it was ticked (for the
  // day report; absent in ticks older than it)}, or null when it is not one.
  function tickFrom(value) {
    var done = own(value, "done"), rev = own(value, "rev"), at = own(value, "at");
    if (typeof done !== "boolean" || typeof rev !== "string") return null;
    return { done: done, rev: rev, at: typeof at === "number" && isFinite(at) && at > 0 ? at : null };
  }

  // What to store for a tick.
  function tickRecord(rev, done, at) {
    return done ? { done: true, rev: rev, at: at } : { done: false, rev: rev };
  }

  // A post's tick when the page opens, from what the phone stored (a tickFrom() or null): a
  // published post is ticked unless the operator said otherwise; a tick of another revision of
  // the post does not count, and when it was ticked, the post is marked changed.
  function startingTick(post, record) {
    var out = { done: post.status === PUBLISHED, doneAt: null, changed: false };
    if (record && record.rev === post.rev) {
      out.done = record.done;
      out.doneAt = record.done ? record.at : null;
    }
    if (record && record.rev !== post.rev && record.done) out.changed = true;
    return out;
  }

  // The filter: an owner and a channel id, each one the plan has (`choices`: {owner: set,
  // channel: set}) or "" for all, with the name its chip showed (the id if the name is odd).
  function filterFrom(value, choices) {
    var filter = emptyFilter();
    ["owner", "channel"].forEach(function (key) {
      var id = own(value, key), name = own(value, key + "Name");
      if (typeof id !== "string" || !choices || own(choices[key], id) !== true) return;
      filter[key] = id;
      filter[key + "Name"] = shortText(name, 200) ? name : id;
    });
    return filter;
  }

  function emptyFilter() {
    return { owner: "", ownerName: "", channel: "", channelName: "" };
  }

  // --- the day: filter, progress, report ---------------------------------------------------------

  // Does the filter show the post?
  function shows(filter, post) {
    return (!filter.owner || post.owner === filter.owner) && (!filter.channel || post.channel === filter.channel);
  }

  function isCancelled(post) {
    return post.status === CANCELLED;
  }

  // A draft's copy button asks first: the first tap asks, a second within 4 s copies.
  function asksFirst(post, armedAt, now) {
    return post.status === DRAFT && now - (armedAt || 0) > 4000;
  }

  // Is the post's time past at `clock` ({day, minute} in the plan's zone)?
  function isDue(post, clock) {
    return post.day < clock.day || (post.day === clock.day && minuteOf(post.time) < clock.minute);
  }

  // The day's state at `clock` for the posts the filter shows (cancelled ones do not count):
  // {total, done, overdue, late: set of ids, next: the id of the next post due today or null}.
  function progress(posts, filter, clock) {
    var out = { total: 0, done: 0, overdue: 0, late: map(), next: null };
    posts.forEach(function (post) {
      if (!shows(filter, post) || isCancelled(post)) return;
      var due = isDue(post, clock);
      out.total++;
      if (post.done) out.done++;
      else if (due) { out.overdue++; out.late[post.id] = true; }
      else if (post.day === clock.day && out.next === null) out.next = post.id;
    });
    return out;
  }

  function progressText(state) {
    return state.done + " / " + state.total + " 已发";
  }

  function overdueText(state) {
    return state.overdue ? state.overdue + " 条逾期 overdue" : "";
  }

  // The filter's summary line: what it shows.
  function filterText(filter) {
    var names = filterNames(filter);
    return "筛选 Filter: " + (names.length ? "只看 " + names.join(" · ") : "全部 All");
  }

  function filterNames(filter) {
    return [filter.ownerName, filter.channelName].filter(Boolean);
  }

  // One row of filter chips: the ids of `key` ("owner", "channel") on the day's posts in their
  // order, and the filter's own if no post has it, with the name each chip shows; null when
  // there is nothing to choose (fewer than two, and none chosen).
  function chipRow(posts, key, filter) {
    var names = map(), values = [], nameKey = key + "Name";  // keyed by ids: "constructor" is one
    posts.forEach(function (post) {
      var id = post[key];
      if (id && !names[id]) { names[id] = post[nameKey] || id; values.push(id); }
    });
    var chosen = filter[key];
    if (chosen && !names[chosen]) { names[chosen] = filter[nameKey] || chosen; values.push(chosen); }
    if (values.length < 2 && !chosen) return null;
    return { values: values, names: names };
  }

  function toastText(post) {
    return (post.done ? "已发 Sent: " : "未发 Not sent: ") + post.time + " " + post.channelName;
  }

  function tickText(done) {
    return done ? "✓ 已发 Sent" : "标记已发 Mark as sent";
  }

  // The whitespace of `text` made single spaces, and cut to `most` characters with an ellipsis.
  function cut(text, most) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    return text.length > most ? text.slice(0, most - 1) + "…" : text;
  }

  var REPORT_LINES = 8;  // posts a section lists at most

  // The day for the manager's staff group, as plain text that fits one WeChat message: what was
  // sent and when it was ticked, what is overdue, what is next; only the posts the filter shows
  // when it is on. `day`: {iso, title ("2026-12-02 周三"), posts ({…, headline, done, doneAt}),
  // filter, clock, zone}.
  function reportText(day) {
    var clock = day.clock, filter = day.filter;
    var sent = [], late = [], later = [], total = 0;
    day.posts.forEach(function (post) {
      if (!shows(filter, post) || isCancelled(post)) return;
      total++;
      if (post.done) sent.push(post);
      else if (isDue(post, clock)) late.push(post);
      else later.push(post);
    });
    function line(mark, post, extra) {
      return mark + " " + post.time + " " + cut(post.channelName, 12) + " · " + cut(post.headline, 18) + (extra || "");
    }
    function section(title, posts, mark, extra) {
      if (!posts.length) return [];
      var out = [title + " " + posts.length];
      posts.slice(0, REPORT_LINES).forEach(function (post) { out.push(line(mark, post, extra && extra(post))); });
      if (posts.length > REPORT_LINES) out.push("…另有 " + (posts.length - REPORT_LINES) + " 条");
      return out;
    }
    var names = filterNames(filter);
    var lines = [day.title + " 发布日报" + (names.length ? " · " + names.join(" · ") : ""), "已发 " + sent.length + " / " + total];
    lines = lines.concat(section("✅ 已发", sent, "✓", function (post) {
      if (!post.doneAt) return "";
      var at = clockIn(day.zone, new Date(post.doneAt));
      return "（" + (at.day === post.day ? "" : at.day.slice(5) + " ") + hhmm(at.minute) + " 勾）";
    }));
    lines = lines.concat(section("⚠️ 逾期", late, "✗"));
    if (later.length) {
      lines.push("下一条 " + line("→", later[0]).slice(2) + (later.length > 1 ? "（之后还有 " + (later.length - 1) + " 条）" : ""));
    }
    return lines.join("\n");
  }

  // The indexes of a list's items dated before `today` (`days`: each item's day, "" for none).
  function pastItems(days, today) {
    var out = [];
    days.forEach(function (day, i) { if (day && day < today) out.push(i); });
    return out;
  }

  // --- the page, walked ---------------------------------------------------------------------------

  // The nearest of `node` and its ancestors (below `stop`) that matches `selector`: what
  // Element.closest does, for WebViews without it (Android 4.4's, Chrome before 41, iOS before 9).
  function closest(node, selector, stop) {
    for (; node && node !== stop; node = node.parentNode) {
      if (node.nodeType !== 1) continue;
      var test = node.matches || node.webkitMatchesSelector || node.msMatchesSelector || node.mozMatchesSelector;
      if (test && test.call(node, selector)) return node;
    }
    return null;
  }

  return {
    SLUG: SLUG, DAY: DAY,
    isRecord: isRecord, own: own, map: map, isCount: isCount, idSet: idSet,
    statusList: statusList, weekdayList: weekdayList, daySummaries: daySummaries, parsePlan: parsePlan,
    dayUrl: dayUrl,
    pad: pad, clockIn: clockIn, minuteOf: minuteOf, hhmm: hhmm, addDays: addDays, weekdayOf: weekdayOf,
    dayTitle: dayTitle, nearestDays: nearestDays, countsText: countsText,
    tickFrom: tickFrom, tickRecord: tickRecord, startingTick: startingTick, filterFrom: filterFrom,
    emptyFilter: emptyFilter,
    shows: shows, isCancelled: isCancelled, asksFirst: asksFirst, isDue: isDue, progress: progress,
    progressText: progressText, overdueText: overdueText, filterText: filterText, filterNames: filterNames,
    chipRow: chipRow, toastText: toastText, tickText: tickText, cut: cut, reportText: reportText,
    REPORT_LINES: REPORT_LINES, pastItems: pastItems, closest: closest
  };
});

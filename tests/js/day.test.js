// The day's checklist (logic.js): what the phone stored, filters, progress, the day report.
// The posts are tests/fixtures/phone's on 2026-12-02, as contentplan.js reads them from the
// cards. `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../../generator/overrides/assets/contentplan/logic.js");

const ZONE = "Asia/Shanghai";
const TEN = { day: "2026-12-02", minute: 10 * 60 };  // 10:00 in Shanghai: 08:30 and 09:45 are past
const TEN_UTC = Date.parse("2026-12-02T02:00:00Z");

function post(id, time, status, owner, ownerName, channel, channelName, headline, extra) {
  return Object.assign({ id, rev: "r-" + id, day: "2026-12-02", time, status, owner, ownerName, channel, channelName,
                         headline, done: false, doneAt: null }, extra || {});
}

function day() {
  return [
    post("morning", "08:30", "approved", "xiaoli", "小李", "vip-group", "品鉴VIP群", "群内问候"),
    post("moments-draft", "09:45", "draft", "laowang", "老王", "moments", "老板朋友圈", "冬天喝酱酒的三个讲究"),
    post("noon-cancelled", "12:00", "cancelled", "xiaoli", "小李", "vip-group", "品鉴VIP群", "群内问候"),
    post("article", "14:00", "approved", "laowang", "老王", "official", "酱香公众号", "窖藏15年的酒，开瓶前要知道的五件事"),
    post("evening", "20:00", "approved", "xiaoli", "小李", "vip-group", "品鉴VIP群", "群内问候"),
  ];
}

const ALL = L.emptyFilter();
const XIAOLI = Object.assign(L.emptyFilter(), { owner: "xiaoli", ownerName: "小李" });
const plain = (value) => JSON.parse(JSON.stringify(value));

// --- progress ---------------------------------------------------------------------------------

test("progress: cancelled posts do not count; past and unticked is overdue; the next is today's first to come", () => {
  const state = L.progress(day(), ALL, TEN);
  assert.equal(state.total, 4);
  assert.equal(state.done, 0);
  assert.equal(state.overdue, 2);
  assert.deepEqual(Object.keys(state.late), ["morning", "moments-draft"]);
  assert.equal(state.next, "article");
  assert.equal(L.progressText(state), "0 / 4 已发");
  assert.equal(L.overdueText(state), "2 条逾期 overdue");
});

test("progress: a ticked post is done, never overdue nor next", () => {
  const posts = day();
  posts[0].done = true;
  posts[3].done = true;
  const state = L.progress(posts, ALL, TEN);
  assert.equal(L.progressText(state), "2 / 4 已发");
  assert.deepEqual(Object.keys(state.late), ["moments-draft"]);
  assert.equal(state.next, "evening");
});

test("progress follows the clock: at 14:05 the article is late too, and at midnight nothing is next", () => {
  assert.equal(L.progress(day(), ALL, { day: "2026-12-02", minute: 14 * 60 + 5 }).next, "evening");
  assert.equal(L.progress(day(), ALL, { day: "2026-12-02", minute: 14 * 60 + 5 }).overdue, 3);
  const after = L.progress(day(), ALL, { day: "2026-12-03", minute: 0 });
  assert.equal(after.overdue, 4);
  assert.equal(after.next, null);
  assert.equal(L.overdueText(after), "4 条逾期 overdue");
  // the day before: nothing is due, and nothing is next (it is not today)
  const before = L.progress(day(), ALL, { day: "2026-12-01", minute: 23 * 60 });
  assert.equal(before.overdue, 0);
  assert.equal(before.next, null);
  assert.equal(L.overdueText(before), "");
  // a post at the very minute is not due yet
  assert.equal(L.isDue(day()[0], { day: "2026-12-02", minute: 510 }), false);
  assert.equal(L.isDue(day()[0], { day: "2026-12-02", minute: 511 }), true);
});

test("progress counts only what the filter shows", () => {
  const posts = day();
  posts[4].done = true;
  const state = L.progress(posts, XIAOLI, TEN);
  assert.equal(L.progressText(state), "1 / 2 已发");
  assert.deepEqual(Object.keys(state.late), ["morning"]);
  assert.equal(state.next, null);
  const none = L.progress(posts, Object.assign({}, XIAOLI, { channel: "official", channelName: "酱香公众号" }), TEN);
  assert.equal(L.progressText(none), "0 / 0 已发");
});

// --- filters ----------------------------------------------------------------------------------

test("a filter shows the posts of its owner and channel; empty shows all", () => {
  const posts = day();
  assert.deepEqual(posts.filter((p) => L.shows(ALL, p)).map((p) => p.id), posts.map((p) => p.id));
  assert.deepEqual(posts.filter((p) => L.shows(XIAOLI, p)).map((p) => p.id), ["morning", "noon-cancelled", "evening"]);
  const both = Object.assign({}, XIAOLI, { channel: "vip-group" });
  assert.deepEqual(posts.filter((p) => L.shows(both, p)).map((p) => p.id), ["morning", "noon-cancelled", "evening"]);
  const channel = Object.assign(L.emptyFilter(), { channel: "official" });
  assert.deepEqual(posts.filter((p) => L.shows(channel, p)).map((p) => p.id), ["article"]);
});

test("the filter's summary says what it shows", () => {
  assert.equal(L.filterText(ALL), "筛选 Filter: 全部 All");
  assert.equal(L.filterText(XIAOLI), "筛选 Filter: 只看 小李");
  assert.equal(L.filterText(Object.assign({}, XIAOLI, { channel: "official", channelName: "酱香公众号" })),
               "筛选 Filter: 只看 小李 · 酱香公众号");
  assert.deepEqual(L.filterNames(ALL), []);
});

test("the chips: the day's owners in order, the remembered one added, none when there is no choice", () => {
  const row = L.chipRow(day(), "owner", ALL);
  assert.deepEqual(row.values, ["xiaoli", "laowang"]);
  assert.deepEqual(plain(row.names), { xiaoli: "小李", laowang: "老王" });
  assert.deepEqual(L.chipRow(day(), "channel", ALL).values, ["vip-group", "moments", "official"]);
  const one = [day()[0]];
  assert.equal(L.chipRow(one, "owner", ALL), null);
  // a filter remembered from another day names someone not on this one: a chip to undo it
  const other = Object.assign(L.emptyFilter(), { owner: "laowang", ownerName: "老王" });
  assert.deepEqual(L.chipRow(one, "owner", other).values, ["xiaoli", "laowang"]);
  // an id that is a name on Object.prototype is an id like any
  const odd = [Object.assign(day()[0], { owner: "constructor", ownerName: "" }), day()[1]];
  assert.deepEqual(plain(L.chipRow(odd, "owner", ALL).names), { constructor: "constructor", laowang: "老王" });
});

test("a stored filter counts only with the plan's own ids, and a sane name", () => {
  const choices = { owner: L.idSet(["xiaoli", "laowang", "constructor"]), channel: L.idSet(["vip-group"]) };
  assert.deepEqual(L.filterFrom({ owner: "xiaoli", ownerName: "小李", channel: "vip-group", channelName: "群" }, choices),
                   { owner: "xiaoli", ownerName: "小李", channel: "vip-group", channelName: "群" });
  assert.deepEqual(L.filterFrom({ owner: "xiaoli", ownerName: "x".repeat(201) }, choices),
                   { owner: "xiaoli", ownerName: "xiaoli", channel: "", channelName: "" });
  assert.deepEqual(L.filterFrom({ owner: "constructor", ownerName: 5 }, choices),
                   { owner: "constructor", ownerName: "constructor", channel: "", channelName: "" });
  for (const odd of [undefined, null, "xiaoli", ["xiaoli"], { owner: "nobody" }, { owner: "toString" }, { owner: 1 },
                     { channel: "official" }, Object.create({ owner: "xiaoli" })]) {
    assert.deepEqual(L.filterFrom(odd, choices), L.emptyFilter(), JSON.stringify(odd));
  }
  const noChoices = { owner: L.idSet([]), channel: L.idSet([]) };
  assert.deepEqual(L.filterFrom({ owner: "constructor" }, noChoices), L.emptyFilter());
});

// --- ticks ------------------------------------------------------------------------------------

test("a stored tick counts only in its shape", () => {
  assert.deepEqual(L.tickFrom({ done: true, rev: "abc", at: 1000 }), { done: true, rev: "abc", at: 1000 });
  assert.deepEqual(L.tickFrom({ done: false, rev: "abc" }), { done: false, rev: "abc", at: null });
  assert.deepEqual(L.tickFrom({ done: true, rev: "abc", at: -5 }), { done: true, rev: "abc", at: null });
  assert.deepEqual(L.tickFrom({ done: true, rev: "abc", at: "1000" }), { done: true, rev: "abc", at: null });
  for (const odd of [undefined, null, true, "done", [true, "abc"], { done: "true", rev: "abc" }, { done: true },
                     { done: true, rev: 5 }, Object.create({ done: true, rev: "abc" })]) {
    assert.equal(L.tickFrom(odd), null, JSON.stringify(odd));
  }
  assert.deepEqual(L.tickRecord("abc", true, 1000), { done: true, rev: "abc", at: 1000 });
  assert.deepEqual(L.tickRecord("abc", false, null), { done: false, rev: "abc" });
});

test("a tick of another revision does not count, and a ticked one marks the post changed", () => {
  const p = day()[0];
  assert.deepEqual(L.startingTick(p, null), { done: false, doneAt: null, changed: false });
  assert.deepEqual(L.startingTick(p, { done: true, rev: p.rev, at: 5 }), { done: true, doneAt: 5, changed: false });
  assert.deepEqual(L.startingTick(p, { done: false, rev: p.rev, at: null }), { done: false, doneAt: null, changed: false });
  assert.deepEqual(L.startingTick(p, { done: true, rev: "old", at: 5 }), { done: false, doneAt: null, changed: true });
  assert.deepEqual(L.startingTick(p, { done: false, rev: "old", at: null }), { done: false, doneAt: null, changed: false });
  // a published post starts ticked, unless the operator untied it
  const published = Object.assign(day()[0], { status: "published" });
  assert.equal(L.startingTick(published, null).done, true);
  assert.equal(L.startingTick(published, { done: false, rev: published.rev, at: null }).done, false);
});

test("a draft's copy button asks first; a second tap within 4 s copies", () => {
  const draft = day()[1], approved = day()[0];
  assert.equal(L.asksFirst(draft, 0, 10000), true);
  assert.equal(L.asksFirst(draft, 10000, 12000), false);
  assert.equal(L.asksFirst(draft, 10000, 14001), true);
  assert.equal(L.asksFirst(approved, 0, 10000), false);
});

test("the toast and the tick say what happened", () => {
  const p = day()[3];
  assert.equal(L.tickText(false), "标记已发 Mark as sent");
  assert.equal(L.tickText(true), "✓ 已发 Sent");
  assert.equal(L.toastText(p), "未发 Not sent: 14:00 酱香公众号");
  p.done = true;
  assert.equal(L.toastText(p), "已发 Sent: 14:00 酱香公众号");
});

// --- the day report -----------------------------------------------------------------------------

function report(posts, filter, clock) {
  return L.reportText({ title: "2026-12-02 周三", posts, filter: filter || ALL, clock: clock || TEN, zone: ZONE });
}

test("the day report: sent and when, overdue, next", () => {
  const posts = day();
  posts[0].done = true;
  posts[0].doneAt = TEN_UTC;
  assert.deepEqual(report(posts).split("\n"), [
    "2026-12-02 周三 发布日报",
    "已发 1 / 4",
    "✅ 已发 1",
    "✓ 08:30 品鉴VIP群 · 群内问候（10:00 勾）",
    "⚠️ 逾期 1",
    "✗ 09:45 老板朋友圈 · 冬天喝酱酒的三个讲究",
    "下一条 14:00 酱香公众号 · 窖藏15年的酒，开瓶前要知道的五件事（之后还有 1 条）",  // 18 characters: not cut
  ]);
});

test("the day report with a filter is the owner's alone", () => {
  const posts = day();
  posts[0].done = true;
  posts[0].doneAt = TEN_UTC;
  assert.deepEqual(report(posts, XIAOLI).split("\n"), [
    "2026-12-02 周三 发布日报 · 小李",
    "已发 1 / 2",
    "✅ 已发 1",
    "✓ 08:30 品鉴VIP群 · 群内问候（10:00 勾）",
    "下一条 20:00 品鉴VIP群 · 群内问候",
  ]);
});

test("the day report: a tick without a time, a tick on another day, in the plan's zone", () => {
  const posts = day();
  posts[0].done = true;  // ticked before ticks kept their time
  posts[1].done = true;
  posts[1].doneAt = Date.parse("2026-12-02T16:30:00Z");  // 00:30 on 12-03 in Shanghai
  const lines = report(posts, ALL, { day: "2026-12-03", minute: 60 }).split("\n");
  assert.equal(lines[3], "✓ 08:30 品鉴VIP群 · 群内问候");
  assert.equal(lines[4], "✓ 09:45 老板朋友圈 · 冬天喝酱酒的三个讲究（12-03 00:30 勾）");
  assert.equal(lines[5], "⚠️ 逾期 2");
  assert.equal(lines.length, 8);  // nothing next: the day is over
});

test("the day report stays one message: at most 8 lines a section, names and titles cut", () => {
  const many = [];
  for (let i = 0; i < 12; i++) {
    many.push(post("p" + i, "0" + (i % 10) + ":00", "approved", "o", "O", "c", "一个非常非常长的渠道名字超过十二个字",
                   "  标题\n  里有换行   和一个非常非常非常长的尾巴  "));
  }
  const lines = report(many, ALL, { day: "2026-12-03", minute: 0 }).split("\n");
  assert.equal(lines[1], "已发 0 / 12");
  assert.equal(lines[2], "⚠️ 逾期 12");
  assert.equal(lines.length, 2 + 1 + L.REPORT_LINES + 1);
  assert.equal(lines[lines.length - 1], "…另有 4 条");
  assert.equal(lines[3], "✗ 00:00 一个非常非常长的渠道名… · 标题 里有换行 和一个非常非常非常…");
  assert.equal(L.cut("  a \n\t b  ", 10), "a b");
  assert.equal(L.cut("abcdef", 4), "abc…");
  assert.equal(L.cut(null, 4), "");
});

test("the day report of a day with nothing to send", () => {
  const cancelled = [day()[2]];
  assert.deepEqual(report(cancelled).split("\n"), ["2026-12-02 周三 发布日报", "已发 0 / 0"]);
});

// --- the page, walked ---------------------------------------------------------------------------

test("lists of posts: the items before today", () => {
  assert.deepEqual(L.pastItems(["2026-11-28", "", "2026-12-02", "2026-12-05", "2026-12-01"], "2026-12-02"), [0, 4]);
  assert.deepEqual(L.pastItems([], "2026-12-02"), []);
});

test("closest: the nearest match up the tree, below the container, where Element.closest is missing", () => {
  // nodes as old WebViews have them: webkitMatchesSelector, no closest; a text node in between
  const node = (name, parent, method) => ({ nodeType: 1, name, parentNode: parent,
    [method || "webkitMatchesSelector"](selector) { return selector === name; } });
  const doc = { nodeType: 9, parentNode: null };
  const card = node("section.cp-card", doc, "matches");
  const button = node("button.cp-tick", card, "msMatchesSelector");
  const span = node("span", button);
  const text = { nodeType: 3, parentNode: span };
  assert.equal(L.closest(text, "button.cp-tick", doc), button);
  assert.equal(L.closest(span, "section.cp-card", doc), card);
  assert.equal(L.closest(span, "span", doc), span);
  assert.equal(L.closest(span, "button.cp-copy", doc), null);
  assert.equal(L.closest(span, "section.cp-card", button), null);  // not above the container
  assert.equal(L.closest(null, "span", doc), null);
  assert.equal(L.closest({ nodeType: 1, parentNode: null }, "span", doc), null);  // no matching at all
});

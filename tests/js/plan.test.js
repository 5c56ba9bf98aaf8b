// The page JSON (<script id="cp-plan">), read by logic.js parsePlan: every byte of a plan is
// untrusted, so is every value the phone stored. `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../../generator/overrides/assets/contentplan/logic.js");

const STATUSES = [["draft", "草稿"], ["approved", "已审核"], ["published", "已发布"], ["cancelled", "已取消"]];
const WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

// the home page's JSON as compile.py writes it
const HOME = {
  base: ".", day_url: "days/{key}/", plan: "contentplan-e4b4bb9d8dfe", zone: "Asia/Shanghai",
  days: {
    "2026-11-28": { posts: 1, published: 1 },
    "2026-12-02": { approved: 3, cancelled: 1, draft: 1, posts: 5 },
    "2026-12-05": { approved: 1, posts: 1 },
  },
  statuses: STATUSES, weekdays: WEEKDAYS,
};

const plain = (value) => JSON.parse(JSON.stringify(value));  // null-prototype maps, compared as objects

test("the home page's JSON: counts by status name, labels in workflow order, weekdays", () => {
  const data = L.parsePlan(JSON.stringify(HOME));
  assert.equal(data.zone, "Asia/Shanghai");
  assert.equal(data.plan, "contentplan-e4b4bb9d8dfe");
  assert.equal(data.base, ".");
  assert.deepEqual(data.statuses.map((s) => s.name), ["draft", "approved", "published", "cancelled"]);
  assert.deepEqual(data.statuses.map((s) => s.label), ["草稿", "已审核", "已发布", "已取消"]);
  assert.deepEqual(data.weekdays, WEEKDAYS);
  assert.deepEqual(plain(data.days), {
    "2026-11-28": { posts: 1, published: 1 },
    "2026-12-02": { posts: 5, draft: 1, approved: 3, cancelled: 1 },
    "2026-12-05": { posts: 1, approved: 1 },
  });
  assert.equal(L.dayUrl(data, "2026-12-02"), "./days/2026-12-02/");
});

test("the counts read in workflow order with the JSON's own labels", () => {
  const data = L.parsePlan(JSON.stringify(HOME));
  assert.equal(L.countsText(data.days["2026-12-02"], data.statuses), "5 条 posts · 草稿 1 · 已审核 3 · 已取消 1");
  assert.equal(L.countsText(data.days["2026-11-28"], data.statuses), "1 条 posts · 已发布 1");
  // labels are the JSON's, whatever they are
  const english = L.statusList({ draft: "Draft", approved: "OK" });
  assert.equal(L.countsText(data.days["2026-12-02"], english), "5 条 posts · Draft 1 · OK 3");
  // without statuses, the total alone
  assert.equal(L.countsText(data.days["2026-12-02"], []), "5 条 posts");
});

test("a day page's JSON: no days, a day, the filter's ids", () => {
  const data = L.parsePlan(JSON.stringify({
    base: "../..", day: "2026-12-02", plan: "contentplan-e4b4bb9d8dfe", zone: "Asia/Shanghai",
    filters: { channel: ["moments", "official", "vip-group"], owner: ["laowang", "xiaoli"] },
  }));
  assert.equal(data.days, null);
  assert.equal(data.day, "2026-12-02");
  assert.equal(data.weekdays, null);
  assert.deepEqual(data.statuses, []);
  assert.deepEqual(Object.keys(data.choices.owner), ["laowang", "xiaoli"]);
  assert.deepEqual(Object.keys(data.choices.channel), ["moments", "official", "vip-group"]);
  assert.equal(data.dayUrl, "days/{key}/");  // the default pattern
});

test("text that is not the page's JSON gives no data, and never throws", () => {
  for (const text of ["", "{", "null", "[]", "42", '"Asia/Shanghai"', "{}", '{"zone": 8}', '{"zone": ""}',
                      '{"zone": ["Asia/Shanghai"]}', "<script>alert(1)</script>", undefined, null, 42]) {
    assert.equal(L.parsePlan(text), null, String(text));
  }
});

test("odd values in the JSON are left out or replaced by the defaults", () => {
  const data = L.parsePlan(JSON.stringify({
    zone: "Asia/Shanghai", base: 3, plan: "../other plan", day: "2026-12-02T00:00", day_url: "javascript:alert(1)",
    filters: { owner: ["ok-id", "Bad Id", 7, null, "constructor", "__proto__", "x".repeat(65)], channel: "vip-group" },
    statuses: "draft", weekdays: ["周一"],
  }));
  assert.equal(data.base, ".");
  assert.equal(data.plan, "");
  assert.equal(data.day, "");
  assert.equal(data.dayUrl, "days/{key}/");
  assert.deepEqual(Object.keys(data.choices.owner), ["ok-id", "constructor"]);
  assert.equal(data.choices.owner.toString, undefined);  // no prototype: nothing found that was not put there
  assert.deepEqual(Object.keys(data.choices.channel), []);
  assert.deepEqual(data.statuses, []);
  assert.equal(data.weekdays, null);
});

test("hostile day counts: unknown keys, non-integers, negatives and odd days are ignored", () => {
  const statuses = L.statusList(STATUSES);
  const days = L.daySummaries({
    "2026-12-01": { posts: 3, draft: 1, approved: 2, shipped: 9, __proto__: 4, constructor: 1 },
    "2026-12-02": { posts: 2, draft: -1, approved: 1.5, published: "2", cancelled: null },
    "2026-12-03": { posts: 1, approved: 1e400 },  // Infinity once parsed
    "2026-12-04": { draft: 1 },  // no total: not a day the browser can show
    "2026-12-05": { posts: -1 },
    "2026-12-06": { posts: 2.5 },
    "2026-12-07": [1, 1, 0, 0, 0],  // the old positional format
    "2026-12-08": "5",
    "2026-12-9": { posts: 1 },
    "__proto__": { posts: 1 },
    "constructor": { posts: 1 },
    "2026-12-10": { posts: 0 },
  }, statuses);
  assert.deepEqual(plain(days), {
    "2026-12-01": { posts: 3, draft: 1, approved: 2 },
    "2026-12-02": { posts: 2 },
    "2026-12-03": { posts: 1 },
    "2026-12-10": { posts: 0 },
  });
  assert.equal(days.toString, undefined);
  assert.equal(days.constructor, undefined);
  // whatever the keys are, the counts text is made from the JSON's statuses alone
  assert.equal(L.countsText(days["2026-12-01"], statuses), "3 条 posts · 草稿 1 · 已审核 2");
});

test("the same through JSON.parse: a __proto__ key is data, never a prototype", () => {
  const text = '{"zone": "UTC", "statuses": [["draft", "草稿"]], "days": {"__proto__": {"posts": 1},' +
    ' "2026-12-01": {"posts": 1, "__proto__": {"draft": 5}, "draft": 1}}}';
  const data = L.parsePlan(text);
  assert.deepEqual(Object.keys(data.days), ["2026-12-01"]);
  assert.equal(data.days["2026-12-01"].draft, 1);
  assert.equal(L.countsText(data.days["2026-12-01"], data.statuses), "1 条 posts · 草稿 1");
  assert.equal({}.posts, undefined);  // nothing leaked onto Object.prototype
});

test("statuses: pairs in order, or an object in its own order; odd entries left out", () => {
  assert.deepEqual(L.statusList([["draft", "草稿"], ["approved", "已审核"]]),
                   [{ name: "draft", label: "草稿" }, { name: "approved", label: "已审核" }]);
  assert.deepEqual(L.statusList({ draft: "草稿", approved: "已审核" }),
                   [{ name: "draft", label: "草稿" }, { name: "approved", label: "已审核" }]);
  assert.deepEqual(L.statusList([
    ["draft", "草稿"], ["draft", "again"], ["posts", "all"], ["Bad Name", "x"], ["ok", ""], ["ok", 5],
    ["long", "x".repeat(41)], ["three", "a", "b"], "draft", null, [1, 2], ["approved", "已审核"],
  ]), [{ name: "draft", label: "草稿" }, { name: "approved", label: "已审核" }]);
  for (const odd of [null, undefined, "draft", 5, true]) assert.deepEqual(L.statusList(odd), []);
});

test("weekdays: exactly seven short labels, or none", () => {
  assert.deepEqual(L.weekdayList(WEEKDAYS), WEEKDAYS);
  assert.notEqual(L.weekdayList(WEEKDAYS), WEEKDAYS);  // a copy
  for (const odd of [null, "周一", WEEKDAYS.slice(1), [...WEEKDAYS, "周八"], [...WEEKDAYS.slice(1), 7],
                     [...WEEKDAYS.slice(1), ""], [...WEEKDAYS.slice(1), "x".repeat(21)], { 0: "周一", length: 7 }]) {
    assert.equal(L.weekdayList(odd), null);
  }
});

test("the counts of a day that is not a record read as nothing", () => {
  assert.equal(L.countsText(undefined, L.statusList(STATUSES)), "0 条 posts");
  assert.equal(L.countsText({ posts: "5" }, L.statusList(STATUSES)), "0 条 posts");
});

test("ids in the page JSON are the plan's slugs", () => {
  const set = L.idSet(["a", "a-b", "0x", "-a", "A", "a_b", "", "x".repeat(64), "x".repeat(65), 1, null]);
  assert.deepEqual(Object.keys(set), ["a", "a-b", "0x", "x".repeat(64)]);
  assert.deepEqual(Object.keys(L.idSet("a")), []);
});

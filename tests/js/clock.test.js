// Dates in the plan's zone (logic.js): `node --test tests/js/` (tests/test_js.py runs it).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const L = require("../../generator/overrides/assets/contentplan/logic.js");

// Monday first, as the page JSON lists them (vocabulary.py WEEKDAY_LABEL)
const WEEKDAYS = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

test("today in a zone ahead of UTC is the next day once it is past midnight there", () => {
  // 16:30 UTC is 00:30 the next day in Shanghai (UTC+8)
  assert.deepEqual(L.clockIn("Asia/Shanghai", new Date("2026-12-05T16:30:00Z")), { day: "2026-12-06", minute: 30 });
  assert.deepEqual(L.clockIn("UTC", new Date("2026-12-05T16:30:00Z")), { day: "2026-12-05", minute: 16 * 60 + 30 });
  // a minute before midnight in Shanghai is still the day before
  assert.deepEqual(L.clockIn("Asia/Shanghai", new Date("2026-12-05T15:59:00Z")), { day: "2026-12-05", minute: 23 * 60 + 59 });
});

test("midnight is minute 0, never 24:00", () => {
  // en-US with hour12: false writes midnight as 24:00 in some engines (node's format() does)
  assert.deepEqual(L.clockIn("Asia/Shanghai", new Date("2026-12-05T16:00:00Z")), { day: "2026-12-06", minute: 0 });
});

test("a zone behind UTC is still on the day before", () => {
  // 02:00 UTC on 12-02 is 18:00 on 12-01 in Los Angeles
  assert.deepEqual(L.clockIn("America/Los_Angeles", new Date("2026-12-02T02:00:00Z")), { day: "2026-12-01", minute: 18 * 60 });
  // a half-hour zone
  assert.deepEqual(L.clockIn("Asia/Kolkata", new Date("2026-12-31T18:45:00Z")), { day: "2027-01-01", minute: 15 });
});

test("summer time is the zone's business, not ours", () => {
  // New York springs forward at 02:00 on 2026-03-08: 07:30 UTC is 03:30 EDT
  assert.deepEqual(L.clockIn("America/New_York", new Date("2026-03-08T07:30:00Z")), { day: "2026-03-08", minute: 3 * 60 + 30 });
  assert.deepEqual(L.clockIn("America/New_York", new Date("2026-03-08T06:30:00Z")), { day: "2026-03-08", minute: 60 + 30 });
});

test("a zone Intl does not know falls back to the phone's own clock, without throwing", () => {
  const moment = new Date("2026-12-05T16:30:00Z");
  const pad = (n) => String(n).padStart(2, "0");
  const local = `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  for (const zone of ["Nowhere/Zone", "", "../../etc/passwd", "Asia/Shanghai\u0000"]) {
    assert.deepEqual(L.clockIn(zone, moment), { day: local, minute: moment.getHours() * 60 + moment.getMinutes() });
  }
});

test("without formatToParts (WebViews before 2017) the formatted text is read, in the zone", (t) => {
  const proto = Intl.DateTimeFormat.prototype;
  const kept = proto.formatToParts;
  t.after(() => { proto.formatToParts = kept; });
  proto.formatToParts = undefined;
  assert.deepEqual(L.clockIn("Asia/Shanghai", new Date("2026-12-05T16:30:00Z")), { day: "2026-12-06", minute: 30 });
  assert.deepEqual(L.clockIn("Asia/Shanghai", new Date("2026-12-05T16:00:00Z")), { day: "2026-12-06", minute: 0 });
  assert.deepEqual(L.clockIn("America/Los_Angeles", new Date("2026-12-02T02:00:00Z")), { day: "2026-12-01", minute: 1080 });
});

test("the phone's clock is read when no moment is given", () => {
  const before = L.clockIn("UTC", new Date());
  const now = L.clockIn("UTC");
  assert.match(now.day, /^\d{4}-\d\d-\d\d$/);
  assert.ok(now.day >= before.day);
});

test("a post's time is a minute of the day; anything else is 0", () => {
  assert.equal(L.minuteOf("08:30"), 510);
  assert.equal(L.minuteOf("00:00"), 0);
  assert.equal(L.minuteOf("23:59"), 1439);
  for (const odd of ["8:30", "08:30:00", "", null, undefined, "ab:cd", " 08:30"]) assert.equal(L.minuteOf(odd), 0);
  assert.equal(L.hhmm(510), "08:30");
  assert.equal(L.hhmm(0), "00:00");
});

test("days are added across months, years and a leap day", () => {
  assert.equal(L.addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(L.addDays("2028-02-28", 1), "2028-02-29");
  assert.equal(L.addDays("2026-03-01", -1), "2026-02-28");
  assert.equal(L.addDays("2026-12-02", 7), "2026-12-09");
  // the week around the change to summer time has seven days too
  assert.equal(L.addDays("2026-03-07", 1), "2026-03-08");
});

test("weekdays are read Monday first from the page JSON (a Date counts from Sunday)", () => {
  assert.equal(L.weekdayOf("2026-12-07", WEEKDAYS), "周一");  // a Monday
  assert.equal(L.weekdayOf("2026-12-02", WEEKDAYS), "周三");
  assert.equal(L.weekdayOf("2026-12-06", WEEKDAYS), "周日");  // Sunday: getUTCDay() 0
  assert.equal(L.weekdayOf("2026-12-05", WEEKDAYS), "周六");
  assert.equal(L.dayTitle("2026-12-02", WEEKDAYS), "2026-12-02 周三");
  // without labels the day stands alone
  assert.equal(L.weekdayOf("2026-12-02", null), "");
  assert.equal(L.dayTitle("2026-12-02", null), "2026-12-02");
  assert.equal(L.dayTitle("not a day", WEEKDAYS), "not a day");
});

test("the days around today: the first after and the last before", () => {
  const days = { "2026-11-28": {}, "2026-12-02": {}, "2026-12-05": {} };
  assert.deepEqual(L.nearestDays(days, "2026-12-03"), { next: "2026-12-05", last: "2026-12-02" });
  assert.deepEqual(L.nearestDays(days, "2026-12-02"), { next: "2026-12-05", last: "2026-11-28" });
  assert.deepEqual(L.nearestDays(days, "2027-01-01"), { next: null, last: "2026-12-05" });
  assert.deepEqual(L.nearestDays({}, "2026-12-03"), { next: null, last: null });
});

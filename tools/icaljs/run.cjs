// Mozilla's ical.js reads calendar feeds: `node tools/icaljs/run.cjs FILE.ics...`.
// Prints one JSON object: file → {name, timezones, events: [{uid, summary, description, url,
// start, zone, status, alarms}]}, as ical.js understands them. Exit 0 when every file parses
// as one VCALENDAR, 1 when one does not (the error on stderr), 2 on usage.
"use strict";
const fs = require("node:fs");
const ICAL = require("ical.js");

function read(file) {
  const text = fs.readFileSync(file, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== "vcalendar") throw new Error(`${file}: not a VCALENDAR but ${calendar.name}`);
  const zones = calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const url = component.getAllProperties("url").map((p) => String(p.getFirstValue()));
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url,
      start: event.startDate.toJSDate().toISOString(),
      zone: event.startDate.timezone || event.startDate.zone.tzid,
      status: component.getFirstPropertyValue("status"),
      alarms: component.getAllSubcomponents("valarm").map((a) => String(a.getFirstPropertyValue("trigger"))),
      properties: component.getAllProperties().map((p) => p.name),
    };
  });
  return { name: calendar.getFirstPropertyValue("x-wr-calname"), timezones: zones, events };
}

function main(files) {
  if (files.length === 0) {
    console.error("usage: node run.cjs FEED.ics...");
    return 2;
  }
  const out = {};
  for (const file of files) {
    try {
      out[file] = read(file);
    } catch (err) {
      console.error(`${file}: ${err && err.message ? err.message : String(err)}`);
      return 1;
    }
  }
  process.stdout.write(JSON.stringify(out));
  return 0;
}

process.exitCode = main(process.argv.slice(2));

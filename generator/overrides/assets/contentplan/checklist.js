/* contentplan checklist: ticks survive reloads and rebuilds (localStorage, keyed by post id and
   revision), and each message has a one-tap copy button. Plain script, no framework. */
(function () {
  "use strict";
  var PREFIX = "contentplan:tick:";

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function postOf(heading) {
    return { id: heading.getAttribute("data-post"), rev: heading.getAttribute("data-rev") || "" };
  }

  // Only the template's own markup counts: an h2 whose id is its post id (plan text cannot set
  // attributes, and a second element with that id would not be the one the id names), followed
  // at once by the one-line task list "- [ ] 已发送 Sent". A note further down may hold task lists
  // of its own; their boxes are never taken for the tick.
  function isPostHeading(heading) {
    var id = heading.getAttribute("data-post");
    return heading.tagName === "H2" && !!id && heading.id === id && document.getElementById(id) === heading;
  }

  function tickBox(heading) {
    var list = heading.nextElementSibling;
    if (!list || list.tagName !== "UL" || !list.classList.contains("task-list")) return null;
    var item = list.firstElementChild;
    if (!item || item !== list.lastElementChild || !item.classList.contains("task-list-item")) return null;
    var box = item.querySelector(":scope > label.task-list-control > input[type=checkbox]");
    return box && item.querySelectorAll("input").length === 1 ? box : null;
  }

  function recordOf(db, id) {
    try { return JSON.parse(db && db.getItem(PREFIX + id)) || null; } catch (e) { return null; }
  }

  function setUp() {
    var db = store();
    var headings = document.querySelectorAll("h2.cp-post[data-post]");
    Array.prototype.forEach.call(headings, function (heading) {
      if (!isPostHeading(heading)) return;
      var post = postOf(heading);
      var box = tickBox(heading);
      if (!box) return;
      box.disabled = false;
      box.setAttribute("data-tick", post.id);
      var record = recordOf(db, post.id);
      if (record) {
        box.checked = record.rev === post.rev ? !!record.done : box.checked;
        if (record.rev !== post.rev && record.done) heading.classList.add("cp-changed");
      }
      heading.classList.toggle("cp-done", box.checked);
      // The whole line is the tap target, not only the small box.
      var line = box.closest("li");
      if (line) {
        line.classList.add("cp-tick-line");
        line.addEventListener("click", function (event) {
          if (event.target.closest("label, a, input")) return;
          box.checked = !box.checked;
          box.dispatchEvent(new Event("change"));
        });
      }
      box.addEventListener("change", function () {
        heading.classList.toggle("cp-done", box.checked);
        heading.classList.remove("cp-changed");
        if (db) db.setItem(PREFIX + post.id, JSON.stringify({ done: box.checked, rev: post.rev }));
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

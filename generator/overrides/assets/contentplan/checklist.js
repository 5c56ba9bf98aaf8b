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

  // The tick box of a post is the first task-list checkbox after its heading.
  function boxAfter(heading) {
    var node = heading.nextElementSibling;
    while (node && !/^H[12]$/.test(node.tagName)) {
      var box = node.querySelector && node.querySelector("input[type=checkbox]");
      if (box) return box;
      node = node.nextElementSibling;
    }
    return null;
  }

  function setUp() {
    var db = store();
    var headings = document.querySelectorAll(".cp-post[data-post]");
    Array.prototype.forEach.call(headings, function (heading) {
      var post = postOf(heading);
      var box = boxAfter(heading);
      if (!box) return;
      box.disabled = false;
      box.setAttribute("data-tick", post.id);
      var saved = db && db.getItem(PREFIX + post.id);
      if (saved) {
        var record = JSON.parse(saved);
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

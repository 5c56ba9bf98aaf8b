/* contentplan: the search index waits until the operator opens search.

   The theme's bundle fetches search/search_index.json (hundreds of KB on a year's plan) with
   XMLHttpRequest as soon as any page loads, on phones on mobile data that mostly never search.
   This runs before the bundle and holds back that one request until the operator opens search:
   a tap on the search icon, focus in the search box, the search toggle turning on, or one of the
   theme's keys for search (/ s f). Then it goes out, and the theme runs the query typed so far as
   soon as the index is in. Every other request is untouched; when anything here is not as
   expected, the request goes out at once, as before. Plain ES5, like contentplan.js. */
(function () {
  "use strict";

  var XHR = window.XMLHttpRequest;
  var proto = XHR && XHR.prototype;
  if (!proto || typeof proto.open !== "function" || typeof proto.send !== "function" ||
      !document.addEventListener) return;

  var INDEX = /(^|\/)search\/search_index\.js(on)?([?#]|$)/;
  var open = proto.open;
  var send = proto.send;
  var held = [];          // [request, arguments of its send()]
  var released = false;

  function release() {
    if (released) return;
    released = true;
    var waiting = held;
    held = [];
    for (var i = 0; i < waiting.length; i++) {
      try {
        send.apply(waiting[i][0], waiting[i][1]);
      } catch (e) { /* the request's own failure, as it would have been */ }
    }
  }

  // Only the index's request gets its own send(): the prototype's send stays the browser's.
  proto.open = function (method, url) {
    var request = this;
    try {
      if (request.send === holdBack) delete request.send;  // opened again, maybe for another URL
      if (!released && INDEX.test(String(url))) request.send = holdBack;
    } catch (e) { /* unexpected: leave the request as it is */ }
    return open.apply(this, arguments);
  };

  function holdBack() {
    if (released) return send.apply(this, arguments);
    held.push([this, arguments]);
  }

  // label[for=__search] (the icon), the toggle #__search, or the box and form of search
  function isSearch(node) {
    for (var depth = 0; node && node.nodeType === 1 && depth < 6; depth++, node = node.parentNode) {
      var tag = node.nodeName;
      if (node.id === "__search" || (tag === "LABEL" && node.getAttribute("for") === "__search") ||
          (tag === "FORM" && node.getAttribute("name") === "search") ||
          node.getAttribute("data-md-component") === "search-query") return true;
    }
    return false;
  }

  function typing(node) {
    var tag = node && node.nodeName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || !!(node && node.isContentEditable);
  }

  function onEvent(event) {
    try {
      if (event.type === "keydown") {
        // the theme's own shortcuts for search, which it ignores while a field has the focus
        var key = event.key;
        if ((key === "/" || key === "s" || key === "f") &&
            !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) release();
      } else if (isSearch(event.target)) {
        release();
      }
    } catch (e) {
      release();
    }
  }

  try {
    // A page opened from a search result (?h=…, highlighted by the theme) or with a query
    // (?q=…) needs the index now; so does a search box that already has the focus.
    if (/[?&][hq]=/.test(window.location.search || "") || isSearch(document.activeElement)) {
      release();
    } else {
      // capture: the theme may stop an event before it reaches the document; passive: a
      // touch never waits for this (where options are unknown, the object reads as capture)
      var events = ["click", "touchstart", "focus", "change", "keydown"];
      for (var i = 0; i < events.length; i++) {
        document.addEventListener(events[i], onEvent, { capture: true, passive: true });
      }
    }
  } catch (e) {
    release();
  }
})();

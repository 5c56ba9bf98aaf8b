/* contentplan's service worker: the operator's days open with no signal.

   Written into the site's root as sw.js by offline.py, with this build's VERSION (a hash of
   every file the build wrote): a new build is a new sw.js, which the browser notices on the
   next load with signal; the new worker fetches the new files, then drops the old ones.

   - Pages: the network first, so a page with signal is always this build's; after WAIT ms
     with no answer, or with no network at all, the copy kept here, marked so the page can
     say it is offline and since when (offline.js).
   - Everything else of this site (the theme's files, ours, attachments, the search index
     once opened): kept here at first use, served from here after. A build changes their
     names (the theme's hashes, our ?v=) or the VERSION, so a kept file is never stale.
   - Kept ahead: home, /today/, the theme's files, and the days from yesterday through a week
     ahead (and the last day with posts before today, which today's page links) with their
     attachments, as offline.json lists them. The window moves with the
     date: each page with signal tells this worker its today (offline.js).
   Other origins and other methods pass through untouched.

   Plain ES5 syntax, like the page's scripts, though only browsers with service workers run it:
   Chrome 40 to 48 and their WebViews had service workers before all of ES2015's syntax (arrow
   functions came in 45, let and const outside strict mode in 49), and WeChat's and other
   in-app browsers ship engines of that age. What it needs beyond ES5 are the worker's own
   built-ins (Promise, fetch, caches, URL), which every browser with service workers has.
   tools/jscheck (tests/test_js.py) holds this file to ES5 with the others. */
"use strict";

var VERSION = "__VERSION__";
var WAIT = 3500;  // ms a page may take on one bar before the kept copy is shown
var AHEAD = 7;  // days kept after today (and the day before it)
var SCOPE = new URL("./", self.location.href).href;
// Caches are per origin, and sites of one organisation on GitHub Pages share one: the scope
// keeps this site's apart from its neighbours'.
var PREFIX = "contentplan " + SCOPE + " ";
var CACHE = PREFIX + VERSION;
var MARK = "x-contentplan-kept";  // when a kept page was fetched (ISO time)

function manifest() {
  return fetch(new URL("offline.json", SCOPE).href, { cache: "no-cache" }).then(function (response) {
    if (!response.ok) throw new Error("offline.json: " + response.status);
    return response.json();
  });
}

// The plan's today at `now` (ms): the page's clock when a page sent it, else this worker's.
function todayIn(zone, now) {
  var moment = new Date(typeof now === "number" && isFinite(now) ? now : Date.now());
  try {
    // en-CA writes the date as YYYY-MM-DD
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(moment);
  } catch (e) {
    return moment.toISOString().slice(0, 10);
  }
}

function addDays(iso, n) {
  var d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function isPage(url) {
  var path = url.pathname;
  return path.slice(-1) === "/" || /\.html$/.test(path);
}

// A page as kept: the time it was fetched in a header (read back when it is served offline).
function keepable(response) {
  return response.blob().then(function (body) {
    var headers = new Headers(response.headers);
    headers.set(MARK, new Date().toISOString());
    return new Response(body, { status: response.status, statusText: response.statusText, headers: headers });
  });
}

function store(cache, url, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve();
  var page = isPage(new URL(url));
  return (page ? keepable(response) : Promise.resolve(response)).then(function (kept) {
    return cache.put(url, kept);
  });
}

// Fetch and keep each URL not kept yet; one that fails is left for the next time.
function keepAll(urls, refresh) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (rel) {
      var url = new URL(rel, SCOPE).href;
      return cache.match(url).then(function (found) {
        if (found && !refresh) return null;
        return fetch(url, { cache: "no-cache" }).then(function (response) {
          return store(cache, url, response);
        }).catch(function () { return null; });
      });
    }));
  });
}

var windowDone = null;  // the today whose window is kept, in this worker's life

function keepWindow(now, refresh) {
  return manifest().then(function (plan) {
    var today = todayIn(plan.timezone, now);
    if (today === windowDone && !refresh) return null;
    var days = plan.days || {};
    var urls = (plan.shell || []).concat(plan.pages || []);
    for (var i = -1; i <= AHEAD; i++) {
      urls = urls.concat(days[addDays(today, i)] || []);
    }
    // and the day before today's that has posts: today's page links it as the previous day
    var before = Object.keys(days).filter(function (day) { return day < today; }).sort().pop();
    if (before) urls = urls.concat(days[before]);
    return keepAll(urls, refresh).then(function () { windowDone = today; });
  });
}

self.addEventListener("install", function (event) {
  // The pages of the window are fetched fresh: a kept copy from the last build must not pass.
  event.waitUntil(keepWindow(null, true).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "now") {
    event.waitUntil(keepWindow(data.now, false).catch(function () { return null; }));
  }
});

// The kept copy of a page, marked for offline.js: <html data-cp-kept="fetched at">.
function keptPage(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true });
  }).then(function (found) {
    if (!found) return null;
    var when = found.headers.get(MARK) || "";
    return found.text().then(function (text) {
      var marked = text.replace(/<html\b/i, '<html data-cp-kept="' + when.replace(/[^0-9T:.Z-]/g, "") + '"');
      return new Response(marked, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  });
}

function fromNetworkFirst(event) {
  var request = event.request;
  var network = fetch(request);
  // kept as it arrives, even when the kept copy was shown first
  event.waitUntil(network.then(function (response) {
    var copy = response.clone();
    return caches.open(CACHE).then(function (cache) { return store(cache, request.url, copy); });
  }).catch(function () { return null; }));
  return new Promise(function (resolve) {
    var settled = false;
    function settle(response) { if (!settled && response) { settled = true; resolve(response); } }
    network.then(settle);
    // one bar: after WAIT, the kept copy if there is one (the network may still answer first)
    setTimeout(function () {
      keptPage(request).then(settle);
    }, WAIT);
    network.catch(function () {
      return keptPage(request).then(function (kept) {
        if (kept) settle(kept);
        else if (!settled) { settled = true; resolve(Response.error()); }
      });
    });
  });
}

function fromCacheFirst(event) {
  var request = event.request;
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (found) {
      if (found) return found;
      return fetch(request).then(function (response) {
        var copy = response.clone();
        event.waitUntil(store(cache, request.url, copy));
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.href.indexOf(SCOPE) !== 0) return;  // another origin, or outside this site
  var name = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  if (name === "sw.js" || name === "offline.json") return;
  // a page, whether opened or fetched (/today/ fetches today's day page into itself)
  if (request.mode === "navigate" || isPage(url)) {
    event.respondWith(fromNetworkFirst(event));
    return;
  }
  event.respondWith(fromCacheFirst(event));
});

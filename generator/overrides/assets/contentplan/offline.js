/* contentplan offline: registers the site's service worker (sw.js, see generator/offline.py)
   and says on the page when it is shown without a network.

   - The worker is registered from the site's root (the theme's config gives the way there),
     so it serves the whole site, under a sub-path too. Where there is no service worker
     (an old WebView, plain http on another host, a file), the site works as it always did.
   - With signal, the page tells the worker the phone's time: the worker keeps the plan's days
     from yesterday through a week ahead, by the plan's own today.
   - A page the worker served from its copy carries data-cp-kept (when it was fetched); the
     line at the bottom says so, as it does when the phone goes offline on an open page.
   `contentplan serve` writes no sw.js and marks this script: a worker left from a built site
   is removed, and sw.js is never asked for. Plain ES5 like contentplan.js (tools/jscheck); the
   newer built-ins (URL, promises) only where there are service workers. */
(function () {
  "use strict";

  var root = document.documentElement;
  // `contentplan serve` marks this script: no sw.js there, so none is asked for (each ask would
  // be a 404 in the author's terminal); a worker left from a built site is removed instead.
  var serving = !!(document.currentScript && document.currentScript.hasAttribute("data-serving"));

  function siteRoot() {
    var node = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(node ? node.textContent : "{}").base || "."; } catch (e) { base = "."; }
    return new URL(String(base).replace(/\/?$/, "/"), location.href);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function when(iso) {
    var d = new Date(iso);
    if (!iso || isNaN(d.getTime())) return "";
    return (d.getMonth() + 1) + "月" + d.getDate() + "日 " + pad(d.getHours()) + ":" + pad(d.getMinutes());
  }

  var line = null;

  // A bar fixed at the bottom: it covers nothing the operator taps and moves nothing.
  function showLine() {
    var kept = root.getAttribute("data-cp-kept");
    var offline = navigator.onLine === false;
    if (!kept && !offline) {
      if (line) { line.hidden = true; document.body.style.paddingBottom = ""; }
      return;
    }
    if (!line) {
      line = document.createElement("p");
      line.className = "cp-offline";
      line.setAttribute("role", "status");
      line.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:.35em .8em;z-index:5;" +
        "font-size:.7rem;line-height:1.4;background:#37474f;color:#fff;text-align:center;";
      document.body.appendChild(line);
    }
    var since = when(kept);
    line.textContent = "离线 Offline" + (since ? " · 本页更新于 " + since + " (last updated)" : " · 打钩照常保存 ticks are kept");
    line.hidden = false;
    document.body.style.paddingBottom = "2.2em";  // the end of the page stays above the line
  }

  function forget(scope) {
    navigator.serviceWorker.getRegistrations().then(function (all) {
      all.forEach(function (r) { if (r.scope === scope.href) r.unregister(); });
    }).catch(function () {});
  }

  function register() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
    var scope = siteRoot();
    if (serving) {
      forget(scope);
      return;
    }
    navigator.serviceWorker.register(new URL("sw.js", scope).href, { scope: scope.href }).then(function (registration) {
      var worker = registration.active || registration.waiting || registration.installing;
      if (worker && navigator.onLine !== false) worker.postMessage({ type: "now", now: Date.now() });
    }).catch(function () {
      forget(scope);  // no sw.js here after all: a worker left from an earlier build must not serve old pages
    });
  }

  function setUp() {
    showLine();
    window.addEventListener("online", showLine);
    window.addEventListener("offline", showLine);
    register();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();

// Every script the site ships parses as ES5: `node tools/jscheck/run.cjs [FILE.js...]`.
//
// The page's scripts promise plain ES5 (WeChat's in-app browser, old Android and iOS WebViews),
// and so does the service worker (see the top of generator/offline_worker.js). acorn parses each
// file as a classic script with ecmaVersion 5: `let`, `const`, arrow functions, classes,
// template strings, destructuring, default or rest parameters, spread, for…of, shorthand
// methods … are all syntax errors there. What it cannot see are newer built-ins called with
// ES5 syntax (Promise, fetch, Element.closest): the scripts test for those where they use them.
//
// Without arguments it checks the shipped set: generator/overrides/assets/contentplan/*.js and
// generator/offline_worker.js. Prints one line per file; exit 0 when every file parses, 1 when
// one does not (file:line:column and acorn's message), 2 when there is nothing to check.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const acorn = require("acorn");

const ROOT = path.resolve(__dirname, "..", "..");
const ASSETS = path.join(ROOT, "generator", "overrides", "assets", "contentplan");

function shipped() {
  const scripts = fs.readdirSync(ASSETS).filter((name) => name.endsWith(".js")).sort()
    .map((name) => path.join(ASSETS, name));
  return [...scripts, path.join(ROOT, "generator", "offline_worker.js")];
}

// null when `file` parses as an ES5 script, else where and why it does not
function problem(file) {
  const text = fs.readFileSync(file, "utf8");
  try {
    acorn.parse(text, { ecmaVersion: 5, sourceType: "script", allowReserved: false, allowHashBang: false,
                        locations: true });
    return null;
  } catch (error) {
    const at = error.loc ? `${error.loc.line}:${error.loc.column + 1}` : "?";
    return `${file}:${at}: not ES5: ${error.message.replace(/ \(\d+:\d+\)$/, "")}`;
  }
}

const files = process.argv.length > 2 ? process.argv.slice(2) : shipped();
if (!files.length) {
  console.error("usage: node tools/jscheck/run.cjs [FILE.js...]");
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const found = problem(file);
  if (found) {
    failed++;
    console.log(found);
  } else {
    console.log(`${file}: ES5`);
  }
}
process.exit(failed ? 1 : 0);

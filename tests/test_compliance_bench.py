"""The compliance benchmark of issue 16 (bench/compliance_bench.py): its corpus has the agreed
shape, its seed labels fit the articles, and it runs, so a broken benchmark shows in CI.
It measures and does not gate: nothing here asserts the rules' precision or recall."""

from __future__ import annotations

import hashlib
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.support import load_script

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench" / "compliance_bench.py"
CORPUS = PROJECT / "bench" / "compliance" / "corpus.yml"
RULES = {"banned-word", "induced-sharing", "personal-data", "alcohol-ad"}
SHOPS = {"liquor", "tea", "cosmetics", "baby"}


@pytest.fixture(scope="module")
def bench():
    yield load_script(BENCH, "compliance_bench")  # registered while it runs: dataclasses look their module up
    sys.modules.pop("compliance_bench", None)


def test_the_corpus_has_the_agreed_shape():
    entries = []
    for path in [CORPUS, *sorted(CORPUS.parent.glob("corpus-*.yml"))]:
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(part, list), path
        entries += part
    assert len(entries) >= 400
    for n, entry in enumerate(entries, 1):
        assert set(entry) == {"text", "shop", "expect", "why"}, n
        assert isinstance(entry["text"], str) and entry["text"].strip(), n
        assert entry["shop"] in SHOPS, n
        assert isinstance(entry["expect"], list) and set(entry["expect"]) <= RULES, n
        assert len(set(entry["expect"])) == len(entry["expect"]), n
        assert "alcohol-ad" not in entry["expect"] or entry["shop"] == "liquor", n  # 广告法第二十三条: liquor only
        assert isinstance(entry["why"], str) and entry["why"].strip() and "\n" not in entry["why"].strip(), n
    shops = Counter(e["shop"] for e in entries)
    assert all(shops[shop] >= 100 for shop in SHOPS), shops
    lawful = sum(not e["expect"] for e in entries) / len(entries)
    assert 0.4 <= lawful <= 0.6, lawful
    labels = Counter(code for e in entries for code in e["expect"])
    assert all(labels[rule] >= 20 for rule in RULES), labels  # every rule is measured on real positives
    texts = [e["text"] for e in entries]
    assert len(set(texts)) == len(texts), [t for t, k in Counter(texts).items() if k > 1]


def test_the_benchmark_runs_on_a_slice(bench, capsys):
    assert bench.main(["--limit", "10", "--no-seeds"]) == 0
    out = capsys.readouterr().out
    for rule in (*sorted(RULES), "all four"):
        assert rule in out
    assert "corpus: 10 sentences" in out


def test_findings_come_back_to_their_sentence(bench):
    texts = [
        "早上好",
        "全网最低价",
        '他说"今晚\\不醉不归"',
        "喝酒不开车，叫代驾",
        "转发到3个群截图领取红包",
        "中奖的张先生13812345678请联系群主",
        "第一次来",
        "今晚不醉不归",
    ]
    got = bench.run_rules(texts, alcohol=True)
    assert got == [
        frozenset(),
        {"banned-word"},
        {"alcohol-ad"},
        frozenset(),
        {"induced-sharing"},
        {"personal-data"},
        frozenset(),
        {"alcohol-ad"},
    ]
    assert bench.run_rules(["今晚不醉不归"], alcohol=False) == [frozenset()]  # alcohol-ad: liquor plans only


def test_counts_precision_and_recall(bench):
    def sentence(expect, got):
        return bench.Sentence("x", "tea", frozenset(expect), got=frozenset(got))

    corpus = [
        sentence({"banned-word"}, {"banned-word"}),
        sentence({"banned-word"}, set()),
        sentence(set(), {"banned-word", "personal-data"}),
        sentence(set(), set()),
    ]
    table = bench.counts(corpus)
    assert table["banned-word"] == Counter(tp=1, fn=1, fp=1)
    assert table["all four"] == Counter(tp=1, fn=1, fp=2)
    row = bench.rows(corpus, None)[0]
    assert row[:7] == ["banned-word", "2", "1", "1", "1", "0.50", "0.50"]


def test_the_seed_splitter_and_hash(bench):
    assert bench.split_sentences("第一句。第二句！“第三句？”\n\n标题\n——\n最后") == [
        "第一句。",
        "第二句！",
        "“第三句？”",
        "标题",
        "最后",
    ]
    assert bench.sentence_hash("第一句。") == hashlib.sha1("第一句。".encode()).hexdigest()[:10]


def test_the_seed_labels_fit_the_articles(bench):
    if not bench.SEEDS.is_dir():
        pytest.skip(f"no seed articles at {bench.SEEDS}")
    seeds = bench.load_seeds(bench.SEEDS)
    assert len(seeds) > 400
    assert sum(bool(s.expect) for s in seeds) < len(seeds) // 20  # ordinary prose, nearly all of it


def test_the_seed_labels_keep_no_sentence():
    labels = yaml.safe_load((PROJECT / "bench" / "compliance" / "seeds.yml").read_text(encoding="utf-8"))
    for name, rows in labels.items():
        for i, row in enumerate(rows):
            assert set(row) <= {"i", "sha1", "expect", "why"} and row["i"] == i, (name, i)
            assert len(str(row["sha1"])) == 10, (name, i)


def test_usage_and_file_errors_exit_2(bench, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--limit", "0"])
    assert exit_.value.code == 2
    assert bench.main(["--corpus", str(tmp_path / "missing.yml"), "--no-seeds"]) == 2
    bad = tmp_path / "bad.yml"
    bad.write_text("- {text: 早上好, shop: bakery, expect: [], why: x}\n", encoding="utf-8")
    assert bench.main(["--corpus", str(bad), "--no-seeds"]) == 2
    assert bench.main(["--no-seeds", "--list", "FP", "--seed-list"]) == 2
    assert bench.main(["--seeds", str(tmp_path / "nowhere"), "--limit", "3"]) == 2
    assert "compliance_bench:" in capsys.readouterr().err

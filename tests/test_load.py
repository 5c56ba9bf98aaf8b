"""load.py: the plain walk (a document with no alias) gives exactly what the full converter
gives, positions and problems included."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import load

ROOT = Path(__file__).resolve().parent.parent


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, load.Mapping):
        return (a.start, a.key_at, a.value_at, list(a)) == (b.start, b.key_at, b.value_at, list(b)) and all(
            _same(a[key], b[key]) for key in a)
    if isinstance(a, load.Sequence):
        return (a.start, a.item_at, len(a)) == (b.start, b.item_at, len(b)) and all(map(_same, a, b))
    return a == b


def _both(text: str, offset: int, monkeypatch) -> tuple[load.Document, load.Document]:
    plain, full = load.Document("x.yml"), load.Document("x.yml")
    load.parse_yaml(text, plain, offset)
    with monkeypatch.context() as patch:
        patch.setattr(load._Converter, "plain", load._Converter.convert)
        load.parse_yaml(text, full, offset)
    return plain, full


CASES = {
    "nested": "a: 1\nb:\n  - x\n  - {c: d, e: [1, 2]}\n  -\n    f: ''\n    g: ~\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "non-scalar key": "? [a, b]\n: 1\nc: 2\n",
    "merge without alias": "a: 1\nb:\n  <<: {c: 1, d: 2}\n  c: 3\n",
    "merge and a duplicate": "a: 1\na: 2\nb:\n  <<: {c: 1}\n",
    "null forms": "a:\nb: null\nc: ~\nd: ''\ne: 'null'\n",
    "chinese": "标题: 最好的茶\n话术:\n  - 第一条\n  - 第二条\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("offset", [0, 2])
def test_the_plain_walk_gives_what_the_full_converter_gives(name, offset, monkeypatch):
    plain, full = _both(CASES[name], offset, monkeypatch)
    assert _same(plain.data, full.data)
    assert plain.problems == full.problems


def test_the_plain_walk_on_every_yaml_file_shipped_and_in_the_fixtures(monkeypatch):
    files = sorted([*ROOT.glob("content/**/*.yml"), *(ROOT / "tests" / "fixtures").glob("**/*.yml")])
    assert len(files) > 20
    for path in files:
        try:
            text = load._normalise(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # a broken fixture that is not UTF-8 on purpose
        plain, full = _both(text, 0, monkeypatch)
        assert _same(plain.data, full.data), path
        assert plain.problems == full.problems, path

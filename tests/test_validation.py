"""validation.py: a validation error becomes a problem at the line and column of the key or value
to fix, saying what was expected; with a fallback, what is right in the item is still used."""

from __future__ import annotations

from generator.load import Document, parse_yaml
from generator.model import Campaign, Person
from generator.problems import Problems
from generator.validation import describe, validate


def document(text: str) -> Document:
    doc = Document("x.yml")
    parse_yaml(text, doc, 0)
    return doc


def run(model, text: str, fallback: dict | None = None):
    problems = Problems()
    item = validate(model, document(text).data, "x.yml", problems, fallback=fallback)
    return item, [(p.line, p.col, p.code, p.message) for p in problems]


def test_a_bad_value_is_reported_at_the_value():
    item, problems = run(Campaign, "id: a\nname: 冬季\nstart: nope\nend: 2026-12-31\n")
    assert item is None
    assert problems == [(3, 8, "bad-value", "start: 'nope' is not a date: expected YYYY-MM-DD")]


def test_an_unknown_key_names_the_keys_there_are_and_the_rest_is_kept():
    item, problems = run(Campaign, "id: a\nname: 冬季\nstart: 2026-12-01\nend: 2026-12-31\nextra: 1\n", fallback={})
    assert problems == [
        (5, 1, "unknown-field", "unknown field 'extra'; expected one of: description, end, goal, id, name, start")
    ]
    assert (item.id, item.name, str(item.start)) == ("a", "冬季", "2026-12-01")


def test_a_misspelt_key_is_one_did_you_mean_and_the_fallback_stands_in():
    item, problems = run(Person, "id: xiaoli\nnmae: 小李\n", fallback={"name": "?"})
    assert problems == [
        (1, 1, "missing-field", "missing required field 'name'"),
        (2, 1, "unknown-field", "unknown field 'nmae' (did you mean 'name'?)"),
    ]
    assert (item.id, item.name) == ("xiaoli", "?")
    assert run(Person, "id: xiaoli\nnmae: 小李\n")[0] is None  # no fallback: unusable


def test_describe_says_what_a_value_is():
    data = document("a: [1]\nb: {c: d}\nc: xyz\n").data
    assert [describe(None), describe(data), describe(data["a"]), describe(data["c"])] == [
        "nothing",
        "a mapping",
        "a list",
        "'xyz'",
    ]

"""generator/kept.py: what a preview keeps from one build to the next."""

from __future__ import annotations

from generator.kept import Kept, digest


def test_kept_finds_what_the_last_build_made_and_keeps_only_what_this_one_used():
    kept, made = Kept(), []

    def make(value: str):
        return lambda: made.append(value) or value

    kept.start()
    assert [kept.get("a", make("A")), kept.get("b", make("B"))] == ["A", "B"] and kept.made == 2
    kept.start()
    assert kept.get("a", make("A2")) == "A" and kept.made == 0  # found: not made again
    assert kept.get("c", make("C")) == "C" and kept.made == 1
    kept.start()  # "b" was not used by the build before: gone
    assert kept.get("b", make("B2")) == "B2" and kept.get("a", make("A3")) == "A"
    assert made == ["A", "B", "C", "B2"]


def test_digest_tells_its_parts_apart():
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("a", b"b") == digest("a", "b")
    assert digest("x") != digest("x", "")

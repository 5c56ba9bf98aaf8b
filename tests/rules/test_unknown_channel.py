"""unknown-channel: a post names a channel site.yml does not define."""

from __future__ import annotations

from tests.support import CAL, VALID_SITE, codes_in, found, problems_in, say


def test_a_misspelt_channel(problems_of):
    (problem,) = problems_of("posts:\n" + say("早上好", channel="vip-gruop"))
    assert (problem[0], problem[1], problem[3], problem[4]) == (CAL, 4, "error", "unknown-channel")
    assert "did you mean 'vip-group'" in problem[5]
    assert found(problems_of("posts:\n" + say("早上好", channel="vip-group"))) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_a_typo_in_a_channel_does_not_make_it_unknown(make_plan):
    site = VALID_SITE.replace("    platform: wechat-moments\n", "    platfrom: wechat-moments\n")
    root = make_plan(files={"content/site.yml": site})
    assert {p[4] for p in problems_in(root)} <= {"unknown-field", "missing-field"}
    assert "unknown-channel" not in codes_in(root)

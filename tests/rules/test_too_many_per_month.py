"""too-many-per-month: a channel's max_per_month."""

from __future__ import annotations

from tests.support import CAL, found


def test_max_per_month(problems_of):
    site = "posts:\n" + "".join(
        f"  - {{date: 2026-12-{d:02d}, time: '09:00', channel: official, playbook: title, headline: 标题{d}}}\n"
        for d in (1, 2, 3)
    )
    assert found(problems_of(site, official_extra=", max_per_month: 2")) == [(CAL, 4, "error", "too-many-per-month")]

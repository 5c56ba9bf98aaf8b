"""quiet-hours: a post inside its channel's 免打扰 hours."""

from __future__ import annotations

from tests.support import CAL, article, codes_in, found, problems_in

QUIET = ", quiet_hours: '22:00-08:00'"


def test_a_post_at_night(problems_of):
    assert found(problems_of("posts:\n" + article("2026-12-03", "23:00", "夜里的文章"), official_extra=QUIET)) == [
        (CAL, 3, "error", "quiet-hours")
    ]
    assert found(problems_of("posts:\n" + article("2026-12-03", "21:00", "晚上的文章"), official_extra=QUIET)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_quiet_hours_of_a_repeat_reported_once(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "repeats:\n"
                "  - id: midnight\n"
                "    every: day\n"
                "    from: 2026-12-01\n"
                "    until: 2026-12-05\n"
                '    time: "23:30"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    assert problems_in(root) == [("content/calendar/extra.yml", 6, 11, "error", "quiet-hours")]


def test_quiet_hours_boundaries(make_plan):
    def at(hhmm: str) -> list[str]:
        root = make_plan(
            files={
                "content/calendar/extra.yml": (
                    "posts:\n"
                    f'  - {{date: 2026-12-03, time: "{hhmm}", channel: vip-group, playbook: welcome-script, vars: {{product: 酒}}}}\n'
                )
            }
        )
        return codes_in(root)

    assert at("08:00") == []
    assert at("21:59") == []
    assert at("22:00") == ["quiet-hours"]
    assert at("00:00") == ["quiet-hours"]
    assert at("07:59") == ["quiet-hours"]

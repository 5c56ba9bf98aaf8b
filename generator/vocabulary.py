"""The plan's own words, written once: statuses, playbook kinds and weekdays, each with the
label the pages, exports, feeds and the browser show for it.

The names (`draft`, `script`, `mon` …) are what a plan writes and what the JSON Schema,
the exports and the page JSON carry; the labels are what an operator reads. Everything else
reads them from here: the model's types, the templates (as Jinja globals, see templating.py),
the page JSON that contentplan.js reads by name (compile.py `browser_data`), and
tests/test_vocabulary.py fails when a copy appears elsewhere. Platforms are their own table
(platforms.py): they carry numbers and capabilities, not only words.
"""

from __future__ import annotations

from typing import Literal, get_args

from .i18n import N_

# --- post status: the workflow, in order ------------------------------------------------------

Status = Literal["draft", "approved", "published", "cancelled"]
STATUSES: tuple[Status, ...] = get_args(Status)
STATUS_LABEL: dict[Status, str] = {"draft": "草稿", "approved": "已审核", "published": "已发布", "cancelled": "已取消"}
DEFAULT_STATUS: Status = "draft"
# a draft's card, feed event and export say it has not been approved (both languages, as shown)
NOT_APPROVED = "未审核"
DRAFT_BAND = f"{STATUS_LABEL['draft']} · {NOT_APPROVED} not approved"
# statuses that count as done on the checklist (nothing left to send)
DONE: frozenset[Status] = frozenset({"published", "cancelled"})


def status_word(status: Status) -> str:
    """The status in both languages, as the terminal checklist and exports print it: 草稿 draft."""
    return f"{STATUS_LABEL[status]} {status}"


# --- playbook kind ------------------------------------------------------------------------------

Kind = Literal["script", "headline", "hot-topic"]
KINDS: tuple[Kind, ...] = get_args(Kind)
KIND_LABEL: dict[Kind, str] = {"script": "话术", "headline": "标题", "hot-topic": "热点"}

# --- weekdays, Monday first as date.weekday() counts ------------------------------------------------

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = get_args(Weekday)  # as a plan writes them (repeat: on:)
WEEKDAY_LABEL = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAY_SHORT_EN = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def browser_words() -> dict[str, object]:
    """The labels the browser's script shows, for the page JSON: [status, label] pairs in
    workflow order (a list: front matter sorts an object's keys), weekdays Monday first."""
    return {"statuses": [[s, STATUS_LABEL[s]] for s in STATUSES], "weekdays": list(WEEKDAY_LABEL)}

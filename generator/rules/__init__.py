"""The explicit registry of rules. The engine (check.py), not the rule, sets code and severity.

A rule module has `ID`, a default `SEVERITY`, an optional pydantic `Options` model for its
parameters in site.yml `rules:`, and `check(plan, options)` yielding (Where, message).
Codes in STRUCTURAL are reported while files are read and the model is built (load.py,
assemble.py); they are listed here so their severity can be configured and documented.
"""
from __future__ import annotations

from types import ModuleType

from . import (
    banned_word,
    duplicate_headline,
    duplicate_id,
    headline_length,
    headline_required,
    induced_sharing,
    message_length,
    missing_asset,
    missing_var,
    outside_campaign,
    personal_data,
    platform_mismatch,
    quiet_hours,
    slot_conflict,
    too_many_per_day,
    topic_expired,
    topic_required,
    unknown_campaign,
    unknown_channel,
    unknown_person,
    unknown_playbook,
    unused_var,
    variant_range,
)

RULES: tuple[ModuleType, ...] = (
    duplicate_id,
    unknown_channel,
    unknown_playbook,
    unknown_person,
    unknown_campaign,
    variant_range,
    missing_var,
    unused_var,
    headline_required,
    headline_length,
    message_length,
    topic_required,
    topic_expired,
    slot_conflict,
    quiet_hours,
    too_many_per_day,
    missing_asset,
    banned_word,
    induced_sharing,
    personal_data,
    duplicate_headline,
    platform_mismatch,
    outside_campaign,
)

STRUCTURAL: dict[str, str] = {
    "yaml-syntax": "YAML that does not parse, bad front matter, a file that is not UTF-8, too big, "
    "or full of aliases",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-field": "a key the format does not define (typo guard), including an unknown rule "
    "name or option under site.yml `rules:`",
    "missing-field": "a required key is absent",
    "bad-value": "wrong type or format: date, time, slug, enum, URL, timezone; an empty file; "
    "a variant the playbook does not have",
}

DEFAULT_SEVERITY: dict[str, str] = {code: "error" for code in STRUCTURAL}
DEFAULT_SEVERITY.update({rule.ID: rule.SEVERITY for rule in RULES})
CODES: tuple[str, ...] = tuple(sorted(DEFAULT_SEVERITY))

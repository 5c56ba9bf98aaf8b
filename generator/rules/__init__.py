"""The explicit registry of rules. The engine (check.py), not the rule, sets code and severity.

A rule module has

* `ID`, its code (e.g. "quiet-hours"), and `SEVERITY`, its default ("error" or "warning");
* optionally `Options`, a pydantic model of its parameters in site.yml `rules:` (defaults
  written once, in the model);
* `check(plan, index, options)`, a generator of findings, where

  - `plan` is the assembled model.Plan (read it, never change it);
  - `index` is the check's plan_index.PlanIndex(plan): what several rules read, made once per
    check on first use (`index.unique_posts`: each post as written, one per repeat;
    `index.published` / `index.texts(notes=True)`: the texts that go out; `index.defaults(pb)`;
    `index.message_lengths`). Keep derived data there, never as attributes on the plan;
  - `options` is the rule's `Options` with the plan's settings and the defaults filled in
    (None for a rule without `Options`);

  and each finding is (Where, message), (Where, message, item) or (Where, message, item,
  "warning"): `item` (a Post or a Playbook) lets that item's `allow:` suppress the finding
  (check.py `Allowances`), and "warning" lowers a finding the rule cannot place for sure.

A rule is listed in RULES below (the order they run in). The engine drops a rule set to
`off`, stops a rule after check.MAX_PER_RULE findings, and gives each finding its code and
severity; the problems are collected in one problems.Problems and returned, sorted, in a
check.CheckResult.

Codes in STRUCTURAL are reported while files are read and the model is built (load.py,
assemble.py); they are listed here so their severity can be configured and documented.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    alcohol_ad,
    banned_word,
    duplicate_headline,
    duplicate_id,
    empty_var,
    headline_api_length,
    headline_length,
    headline_required,
    induced_sharing,
    invisible_char,
    mass_send_quota,
    message_length,
    min_gap,
    missing_asset,
    missing_var,
    outside_campaign,
    personal_data,
    platform_mismatch,
    quiet_hours,
    silent_channel,
    slot_conflict,
    too_many_per_day,
    too_many_per_month,
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
    empty_var,
    headline_required,
    headline_length,
    headline_api_length,
    message_length,
    topic_required,
    topic_expired,
    slot_conflict,
    quiet_hours,
    too_many_per_day,
    too_many_per_month,
    mass_send_quota,
    min_gap,
    silent_channel,
    missing_asset,
    banned_word,
    induced_sharing,
    personal_data,
    alcohol_ad,
    invisible_char,
    duplicate_headline,
    platform_mismatch,
    outside_campaign,
)

# The rules that scan the copy as it goes out (index.published), word by word: about half of
# the rules' time on a big plan, so check.py runs them beside the others on a second core.
COPY_RULES: frozenset[ModuleType] = frozenset((banned_word, induced_sharing, personal_data, alcohol_ad, invisible_char))

# The rules whose findings at a post depend on posts of other calendar files (counts a day or a
# month, gaps, slots, ids and headlines compared across the plan). Every other rule judges a
# post by itself and what the plan's other files (site.yml, playbooks, campaigns) say, so a
# check after one calendar file changed (check_again.py) runs them on that file only; these
# run again on every post's summary (check_again.Summary). None of them takes an `allow:`.
CROSS_FILE_RULES: frozenset[ModuleType] = frozenset(
    (
        duplicate_id,
        slot_conflict,
        too_many_per_day,
        too_many_per_month,
        mass_send_quota,
        min_gap,
        silent_channel,
        duplicate_headline,
    )
)

STRUCTURAL: dict[str, str] = {
    "outside-root": "a plan file, folder or attachment that is a symbolic link or leads out of the "
    "plan's folder (never followed, never read)",
    "yaml-syntax": "YAML that does not parse, bad front matter, a file that is not UTF-8, too big, or full of aliases",
    "duplicate-key": "the same key twice in one mapping",
    "unknown-field": "a key the format does not define (typo guard), including an unknown rule "
    "name or option under site.yml `rules:`",
    "missing-field": "a required key is absent",
    "bad-value": "wrong type or format: date (2000–2099), time, slug, enum, URL, time zone, "
    "attachment path, placeholder; an empty file; a variant the playbook does not have; a "
    "repeat or plan over its size cap; a name holding control characters",
    "library-locked": "in a brand's network, a member changing what headquarters keeps: a playbook "
    "with the id of a library playbook (a member fills its variables, never its copy), or `industry:` "
    "or `rules:` in a member's site.yml",
    "opt-out-reason": "in a brand's network, a member opting out of a library campaign without "
    "saying why (headquarters reads the reason on its overview)",
    "too-large": "a plan that would build into more than check can vouch for: a filled message over "
    "20,000 characters, more than 16 million characters of post text in all, or a rhythm page of "
    "over 100,000 channel-days (generator/budget.py)",
}
# Codes reported while files are read that are not about the file's structure: their
# severity can be set like any rule's.
LOAD_TIME: dict[str, tuple[str, str]] = {
    "stray-file": (
        "warning",
        "a file under content/calendar/ or playbooks/ that is not read (not .yml/.yaml or .md); dotfiles are skipped",
    ),
}
# Codes the engine (check.py) reports about suppressions (`allow:` on posts, repeats, playbooks).
SUPPRESSION: dict[str, tuple[str, str]] = {
    "allow-reason": (
        "warning",
        "an `allow:` entry without a reason: say why the finding is fine, so that a reviewer can judge it",
    ),
    "unused-allow": (
        "warning",
        "an `allow:` entry for a rule that found nothing there (or no such "
        "rule): remove it, so that it cannot hide a later finding",
    ),
}

# Structural codes are always errors: turning them off would silently drop unreadable files
# or unsafe paths from the plan.
DEFAULT_SEVERITY: dict[str, str] = {code: "error" for code in STRUCTURAL}
DEFAULT_SEVERITY.update({code: severity for code, (severity, _) in LOAD_TIME.items()})
DEFAULT_SEVERITY.update({code: severity for code, (severity, _) in SUPPRESSION.items()})
DEFAULT_SEVERITY.update({rule.ID: rule.SEVERITY for rule in RULES})
CODES: tuple[str, ...] = tuple(sorted(DEFAULT_SEVERITY))

RULES_BY_ID: dict[str, ModuleType] = {rule.ID: rule for rule in RULES}
if len(RULES_BY_ID) != len(RULES):  # checked at import: two modules with one code would shadow each other
    raise ImportError(
        "two rule modules share an ID: " + ", ".join(sorted({r.ID for r in RULES if sum(o.ID == r.ID for o in RULES) > 1}))
    )

"""What the checks read of a plan besides the plan itself, worked out once per check.

check.py builds one `PlanIndex(plan)` after the plan is assembled and hands it to the budget
(budget.py) and to every rule (rules/__init__.py): the posts as written, the filled messages'
lengths, the texts that go out, the playbooks' defaults are each made on first use and then
shared. Nothing is kept on the plan or its playbooks: the index holds the plan, the plan never
holds the index, and the index goes when the check is done (no cycle for the collector).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .budget import MessageLengths
from .model import PLACEHOLDER, Plan, Playbook, Post

if TYPE_CHECKING:
    from .rules._helpers import Published

# (literal, placeholder name or None, the placeholder's default or itself) for each stretch
# of a message block, the last without a placeholder.
Parts = list[tuple[str, str | None, str]]


def unique_posts(plan: Plan) -> list[Post]:
    """Each written post, and one occurrence per repeat: for checks and pages about what is
    written (the rules, compile.py). A check reads it made once, as `PlanIndex.unique_posts`."""
    out, seen = [], set()
    for post in plan.posts:
        if post.repeat is not None:
            if post.repeat in seen:
                continue
            seen.add(post.repeat)
        out.append(post)
    return out


class PlanIndex:
    """The plan's derived tables for one check, each made on first use. The plan must not
    change while the index is in use (a check never changes it)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        # keyed by id(playbook): the index holds the plan, so its playbooks (and their ids) stay
        self._defaults: dict[int, dict[str, str]] = {}  # id(playbook) -> its vars' defaults
        self._parts: dict[tuple[int, int], Parts | None] = {}  # (id(playbook), variant) -> parts

    @cached_property
    def unique_posts(self) -> list[Post]:
        """unique_posts(plan): each written post, one occurrence per repeat."""
        return unique_posts(self.plan)

    @cached_property
    def message_lengths(self) -> MessageLengths:
        """Each post's filled-message length, counted, not rendered (the budget and
        message-length read it; a year's plan would render 29,200 messages otherwise)."""
        return MessageLengths(self.plan)

    @cached_property
    def published(self) -> list[Published]:
        """Every text that goes out to customers, each once (rules/_helpers.published_texts);
        four rules read them."""
        from .rules._helpers import published_texts  # the rules import this module

        return list(published_texts(self))

    @cached_property
    def published_notes(self) -> list[Published]:
        """What the site publishes that is not ad copy: guidance, notes, campaign descriptions."""
        from .rules._helpers import published_notes  # the rules import this module

        return list(published_notes(self))

    def texts(self, notes: bool = False) -> list[Published]:
        """`published`, and with `notes` also `published_notes` (personal data reads both)."""
        return self.published + self.published_notes if notes else self.published

    def defaults(self, playbook: Playbook) -> dict[str, str]:
        """playbook.defaults(), made once per playbook."""
        found = self._defaults.get(id(playbook))
        if found is None:
            found = self._defaults[id(playbook)] = playbook.defaults()
        return found

    def parts(self, playbook: Playbook, variant: int) -> Parts | None:
        """Message block `variant` as (literal, placeholder name or None, its default) parts,
        made once per block (tens of thousands of posts share a few hundred blocks); None
        without placeholders."""
        key = (id(playbook), variant)
        if key in self._parts:
            return self._parts[key]
        template, defaults = playbook.messages[variant - 1].text, self.defaults(playbook)
        parts: Parts = []
        last = 0
        for match in PLACEHOLDER.finditer(template):
            parts.append((template[last : match.start()], match.group(1), defaults.get(match.group(1), match.group(0))))
            last = match.end()
        parts.append((template[last:], None, ""))
        found = self._parts[key] = parts if len(parts) > 1 else None
        return found


__all__ = ["PlanIndex", "unique_posts"]

"""Small helpers the rules share: did-you-mean, written keys, published text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from ..model import Plan, Post
from ..problems import Where, did_you_mean  # noqa: F401 - rules import it from here


def written(post: Post, key: str) -> bool:
    """Whether the post (or its repeat) wrote `key` itself, rather than inheriting it."""
    return post.origin is not None and key in post.origin.node.key_at


def unique_posts(plan: Plan) -> list[Post]:
    """Each written post, and one occurrence per repeat: for rules about what is written."""
    cached = getattr(plan, "_unique_posts", None)
    if cached is None:
        cached, seen = [], set()
        for post in plan.posts:
            if post.repeat is not None:
                if post.repeat in seen:
                    continue
                seen.add(post.repeat)
            cached.append(post)
        plan._unique_posts = cached  # type: ignore[attr-defined]  # the plan does not change
    return cached


@dataclass(frozen=True)
class Published:
    """A text that goes out to customers and how to find where it is written."""

    text: str
    item: Any  # a Post, or a Where for a line of a playbook
    keys: tuple = ()

    def where(self, offset: int = 0) -> Where:
        """Where the text (or the character at `offset` of a playbook line) is written."""
        if isinstance(self.item, Where):
            return Where(self.item.path, self.item.line, self.item.col + offset)
        return self.item.where(*self.keys)


def published_texts(plan: Plan) -> Iterator[Published]:
    """Every text that goes out to customers.

    Message blocks line by line (at their line in the playbook), then each post's headline
    and vars values (at their values). Notes and titles stay inside the team.
    """
    for playbook in plan.all_playbooks:
        for block in playbook.messages:
            for offset, line in enumerate(block.text.split("\n")):
                yield Published(line, Where(playbook.path, block.line + offset, 1))
    for post in unique_posts(plan):
        if post.headline:
            yield Published(post.headline, post, ("headline",))
        for name, value in sorted(post.vars.items()):
            if value:
                yield Published(value, post, ("vars", name))

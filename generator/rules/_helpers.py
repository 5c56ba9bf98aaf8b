"""Small helpers the rules share: did-you-mean, written keys, published text."""
from __future__ import annotations

import difflib
from typing import Iterable, Iterator

from ..model import Plan, Post
from ..problems import Where


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def written(post: Post, key: str) -> bool:
    """Whether the post (or its repeat) wrote `key` itself, rather than inheriting it."""
    return post.origin is not None and key in post.origin.node.key_at


def unique_posts(plan: Plan) -> Iterator[Post]:
    """Each written post, and one occurrence per repeat: for rules about what is written."""
    seen: set[str] = set()
    for post in plan.posts:
        if post.repeat is not None:
            if post.repeat in seen:
                continue
            seen.add(post.repeat)
        yield post


def published_texts(plan: Plan) -> Iterator[tuple[Where, str]]:
    """Every text that goes out to customers, with where it is written.

    Message blocks line by line (at their line in the playbook), then each post's headline
    and vars values (at their values). Notes and titles stay inside the team.
    """
    for playbook in plan.all_playbooks:
        for block in playbook.messages:
            for offset, line in enumerate(block.text.split("\n")):
                yield Where(playbook.path, block.line + offset, 1), line
    for post in unique_posts(plan):
        if post.headline:
            yield post.where("headline"), post.headline
        for name, value in sorted(post.vars.items()):
            if value:
                yield post.where("vars", name), value

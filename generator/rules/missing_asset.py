"""missing-asset: an attachment that does not exist under content/, or points outside it.

Why: the operator would be told to attach a picture that is not there, at the minute of posting.

Failing::

    attach: [assets/tasting.jpg]     # no content/assets/tasting.jpg
    attach: [../../etc/passwd]       # outside content/

Passing::

    attach: [assets/tasting.jpg]     # content/assets/tasting.jpg exists
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where, excerpt

ID = "missing-asset"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        for number, rel in enumerate(post.attach):
            if rel in plan.unsafe_attachments:
                continue  # a symlink: outside-root says so
            where = post.where("attach", number)
            folder, inner = plan.attachment_file(rel)  # a network's library post: headquarters' content/
            content = folder.resolve()
            pure = PurePosixPath(inner.replace("\\", "/"))
            rel = inner
            target = (content / pure).resolve()
            if pure.is_absolute() or not target.is_relative_to(content):
                yield (
                    where,
                    _("attachment '{path}' points outside content/; keep assets under content/assets/", path=excerpt(rel)),
                )
            elif not target.is_file():
                yield (
                    where,
                    _(
                        "attachment '{path}' does not exist (looked for content/{looked})",
                        path=excerpt(rel),
                        looked=excerpt(str(pure)),
                    ),
                )

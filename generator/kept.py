"""What a preview keeps from one build to the next: each thing made, by a hash of everything it
is made from (`digest`). A build finds what the last build made from the same things, and keeps
only what it used itself (`Kept`). Used by the compile step (pages, feed events, day exports) and
by the MkDocs adapter (the theme's output of each page); knows nothing of either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable


def digest(*parts: object) -> str:
    """A hash of `parts` (bytes as they are, anything else as its text), each part apart."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Kept:
    """What a preview's builds make, by a key of everything it is made from: a build finds what
    the last build made from the same things, and keeps only what it used itself."""

    def __init__(self) -> None:
        self._last: dict[str, object] = {}
        self._now: dict[str, object] = {}
        self.made = 0  # in this build: made, not found

    def start(self) -> None:
        """A new build."""
        self._last, self._now, self.made = self._now, {}, 0

    def get(self, key: str, make: Callable[[], object]) -> object:
        """What was made for `key`, else make()."""
        if key in self._now:
            return self._now[key]
        found = self._last.pop(key, self)  # moved: what the last build made and this one did not use goes at the next start
        if found is self:
            found = make()
            self.made += 1
        self._now[key] = found
        return found

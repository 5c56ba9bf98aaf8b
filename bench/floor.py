"""The floor for `contentplan check`: read the same files and only compose their YAML.

    .venv/bin/python bench/floor.py ROOT

Reads exactly the files the checker reads (content/site.yml, content/campaigns.yml,
content/calendar/*.yml and *.yaml, the front matter of playbooks/**/*.md), decodes them as
UTF-8 and calls `yaml.compose(text, Loader=yaml.CSafeLoader)` on each, and nothing else. No
check can be faster than reading its input, so check time / floor time says how much the
checker spends beyond parsing. Prints the number of files composed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def front_matter(text: str) -> str | None:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i])
    return None


def main(root: Path) -> int:
    files = 0
    for rel in ("content/site.yml", "content/campaigns.yml"):
        if (root / rel).is_file():
            yaml.compose((root / rel).read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
            files += 1
    calendar = root / "content" / "calendar"
    for path in sorted([*calendar.glob("*.yml"), *calendar.glob("*.yaml")]):
        yaml.compose(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
        files += 1
    for path in sorted((root / "playbooks").glob("**/*.md")):
        front = front_matter(path.read_bytes().decode("utf-8"))
        if front is not None:
            yaml.compose(front, Loader=yaml.CSafeLoader)
        files += 1
    print(files)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

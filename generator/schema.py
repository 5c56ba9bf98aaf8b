"""JSON Schema for the files users write, generated from the model (never by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from .exports import DayExport
from .model import CalendarFile, Campaign, Site

SCHEMAS: dict[str, tuple[Any, str]] = {
    "site.schema.json": (Site, "contentplan content/site.yml"),
    "campaigns.schema.json": (list[Campaign], "contentplan content/campaigns.yml"),
    "calendar.schema.json": (CalendarFile, "contentplan content/calendar/*.yml"),
    "day.schema.json": (DayExport, "contentplan /days/YYYY-MM-DD.json (generated: a day's posts as data)"),
}


def schemas() -> dict[str, str]:
    """File name → schema text (sorted keys, so regenerating gives the same bytes)."""
    out = {}
    for name, (tp, title) in SCHEMAS.items():
        schema = TypeAdapter(tp).json_schema()
        schema = {**schema, "$schema": "https://json-schema.org/draft/2020-12/schema", "title": title}  # ours, not the class name
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

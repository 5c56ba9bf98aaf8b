"""schema.py: the JSON Schemas of the files users write (and of the day exports), made from the
model; the committed schema/ is its output (`python3 tasks.py regen` or `contentplan schema`)."""

from __future__ import annotations

import json

from generator import schema
from tests.support import SCHEMAS, schema_files


def test_the_committed_schema_matches_the_model():
    for name, text in schema_files().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, (
            f"run `python3 tasks.py regen` or `contentplan schema` ({name})"
        )


def test_each_schema_is_json_schema_of_its_file_and_write_writes_them_all(tmp_path):
    texts = schema.schemas()
    assert sorted(texts) == ["calendar.schema.json", "campaigns.schema.json", "day.schema.json", "site.schema.json"]
    data = {name: json.loads(text) for name, text in texts.items()}
    for name, text in texts.items():
        assert data[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert text == json.dumps(data[name], ensure_ascii=False, indent=2, sort_keys=True) + "\n"  # the same bytes every time
    assert data["campaigns.schema.json"]["type"] == "array"  # campaigns.yml is a list
    assert {"channels", "people"} <= set(data["site.schema.json"]["properties"])
    assert {"posts", "repeats"} <= set(data["calendar.schema.json"]["properties"])
    assert {"date", "posts"} <= set(data["day.schema.json"]["properties"])
    written = schema.write(tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(texts)
    assert all(p.read_text(encoding="utf-8") == texts[p.name] for p in written)

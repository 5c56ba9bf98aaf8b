"""model.py: the one class of characters a name may not hold, checked against Unicode itself."""
from __future__ import annotations

import sys
import unicodedata

from generator import model


def _unfit(code: int) -> bool:
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:  # bidi embeddings, overrides, isolates
        return True
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return True
    return unicodedata.category(chr(code)) in ("Cc", "Cs", "Zl", "Zp")


def test_the_class_of_characters_unfit_for_a_name_is_exactly_what_unicode_says():
    wrong = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
             if bool(model._UNFIT_FOR_A_NAME.match(chr(code))) != _unfit(code)]
    assert wrong == []


def test_a_name_with_a_control_character_names_it():
    try:
        model._label("门店\u2028群")
    except ValueError as error:
        assert "U+2028" in str(error)
    else:
        raise AssertionError("a line separator in a name passed")


def test_the_reminder_default_is_written_once_and_its_copies_agree():
    # the model's default is the source; the plan `init` writes and the reference guide show it
    import re
    from pathlib import Path

    root = Path(model.__file__).parent
    assert model.Site.model_fields["reminder_minutes"].default == model.REMINDER_MINUTES
    for copy in (root / "init_files" / "site.yml.j2", root / "default_site" / "docs" / "guide" / "reference.md"):
        written = re.findall(r"^reminder_minutes: (\d+)", copy.read_text(encoding="utf-8"), re.MULTILINE)
        assert written == [str(model.REMINDER_MINUTES)], copy.name
    sources = "".join(p.read_text(encoding="utf-8") for p in root.glob("*.py"))
    assert not re.search(r"reminder_minutes(?: if [^\n]*)? else 10\b|reminder_minutes=10\b", sources)

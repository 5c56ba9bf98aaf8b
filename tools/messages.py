"""The message catalogue: extract the English message ids, merge them into each language's
`.po`, compile the `.mo` the checker reads. Babel does the work (its Python extractor, Jinja's
for the templates, its .po reader and writer, its .mo compiler).

    .venv/bin/python tools/messages.py update    # extract + merge into every .po, then compile
    .venv/bin/python tools/messages.py compile   # .po → .mo only (after translating)
    .venv/bin/python tools/messages.py check     # exit 1 when code and catalogue drift
    .venv/bin/python tools/messages.py merge zh FILE.json   # take translations {msgid: msgstr}

Message ids come from three places: `_("…")` and `N_("…")` in generator/**.py, `{% trans %}` in
generator/templates/*.j2, and the rules' documentation (each paragraph of a rule's docstring
that is not an example, the structural codes' descriptions, option descriptions:
rules_doc.doc_messages). A new id arrives in each .po untranslated; `check` (and the test that
runs it) fails until it has a translation with the same {placeholders}.
"""

from __future__ import annotations

import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from generator.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE  # noqa: E402

PACKAGE = ROOT / "generator"
# A fixed date: the files are generated, and the same catalogue must give the same bytes.
FIXED = datetime(2026, 1, 1, tzinfo=UTC)
METHODS = [("**.py", "python"), ("templates/**.j2", "jinja2")]
KEYWORDS = {"_": None, "N_": None, "_n": (1, 2), "gettext": None, "ngettext": (1, 2)}
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}(?!\})")
_PERCENT = re.compile(r"%\(([A-Za-z_]\w*)\)s")


def template() -> Catalog:
    """Every message id the package has, with where it is used."""
    from generator.rules_doc import doc_messages

    catalog = Catalog(
        project="contentplan", domain=DOMAIN, charset="utf-8", creation_date=FIXED, revision_date=FIXED, fuzzy=False
    )
    options = {"jinja2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}}
    for filename, lineno, message, comments, _context in extract_from_dir(
        PACKAGE,
        method_map=METHODS,
        options_map={"templates/**.j2": options["jinja2"]},
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if isinstance(message, tuple) and len(message) == 1:
            message = message[0]
        if message:
            catalog.add(message, locations=[(f"generator/{filename}", lineno)], auto_comments=comments)
    for where, message in doc_messages():
        catalog.add(message, locations=[(where, 0)], flags=("doc",))
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="contentplan", domain=DOMAIN, creation_date=FIXED, revision_date=FIXED)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = FIXED
    catalog.revision_date = FIXED
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=True, ignore_obsolete=True, include_previous=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _plain(msgid) -> str:
    """A plural message by its two English forms joined with NUL, as the .mo file keys it."""
    return "\0".join(msgid) if isinstance(msgid, tuple | list) else msgid


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text)) | set(_PERCENT.findall(text))


def problems(lang: str, catalog: Catalog | None = None, source: Catalog | None = None) -> list[str]:
    """What is wrong with a language's catalogue against the code, one line each."""
    catalog = catalog or read(lang)
    source = source or template()
    wanted = {_plain(m.id) for m in source if m.id}
    have = {_plain(m.id): m for m in catalog if m.id}
    out = [f"{lang}: not in the catalogue (run tools/messages.py update): {m!r}" for m in sorted(wanted - set(have))]
    out += [f"{lang}: in the catalogue but no longer in the code: {m!r}" for m in sorted(set(have) - wanted)]
    for msgid in sorted(wanted & set(have)):
        message = have[msgid]
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if not all(strings):
            out.append(f"{lang}: not translated: {msgid!r}")
        elif message.fuzzy:
            out.append(f"{lang}: marked fuzzy (check the translation, then remove the flag): {msgid!r}")
        elif any(placeholders(msgid) != placeholders(string) for string in strings):
            out.append(f"{lang}: placeholders differ: {msgid!r} → {message.string!r}")
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or _mo_messages(mo.read_bytes()) != _mo_messages(mo_bytes(catalog)):
        out.append(f"{lang}: {mo.relative_to(ROOT)} is not compiled from the .po (run tools/messages.py compile)")
    return out


def _mo_messages(data: bytes) -> dict:
    """The translations a .mo holds, without its header (which names the Babel that wrote it)."""
    import gettext

    messages = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # the parsed table
    messages.pop("", None)
    return messages


def merge(lang: str, path: Path) -> int:
    """Put the translations of a JSON file {msgid: msgstr} (a plural id as "one\\0many") into
    the language's .po; returns how many were taken. Ids the code no longer has are refused."""
    import json

    catalog = read(lang)
    taken = 0
    for msgid, string in json.loads(path.read_text(encoding="utf-8")).items():
        key = tuple(msgid.split("\0")) if "\0" in msgid else msgid
        message = catalog.get(key[0] if isinstance(key, tuple) else key)
        if message is None or not string:
            print(f"not in the catalogue (run update first?): {msgid!r}", file=sys.stderr)
            continue
        message.string = (string,) if isinstance(message.id, tuple | list) else string
        message.flags.discard("fuzzy")
        taken += 1
    po_path(lang).write_bytes(po_bytes(catalog))
    compile_all()
    return taken


def update() -> None:
    source = template()
    for lang in LANGUAGES:
        if lang == SOURCE:
            continue
        catalog = read(lang)
        catalog.update(source, no_fuzzy_matching=True)
        catalog.fuzzy = False  # the header
        catalog.last_translator = catalog.language_team = "contentplan"
        catalog.msgid_bugs_address = ""
        catalog.copyright_holder = "contentplan"
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
    compile_all()


def compile_all() -> None:
    for lang in LANGUAGES:
        if lang != SOURCE:
            po_path(lang).with_suffix(".mo").write_bytes(mo_bytes(read(lang)))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "merge" and len(argv) == 3:
        print(f"took {merge(argv[1], Path(argv[2]))} translations")
    elif command == "check":
        source = template()
        found = [line for lang in LANGUAGES if lang != SOURCE for line in problems(lang, source=source)]
        print("\n".join(found) or "the catalogue matches the code")
        return 1 if found else 0
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

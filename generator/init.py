"""`contentplan init [DIR]`: a new plan repository a team can start from.

It writes a small plan that checks clean and builds (one channel per kind of platform the team
picks, a playbook of each kind (a script per kind of chat, a headline formula, a hot topic), a
week of posts from the start day), the editor schemas, CI for GitHub
(check with annotations, build, publish to Pages, a daily run), pre-commit, VS Code settings,
.gitignore and a short README. It never overwrites: if any file it would write exists, it
writes nothing and says which. Templates are in generator/init_files/.

Every input is untrusted, and init writes only what it was asked, where it was asked:

* Each value is escaped for the file it lands in: in YAML a double-quoted scalar (yaml_str), in
  the README's Markdown text with every character Markdown reads escaped (md_inline). A title
  must be one line of visible text, at most MAX_TITLE characters: a control character, a line
  or paragraph separator, a bidi control, a BOM, a lone surrogate or a noncharacter is refused,
  so the title `contentplan check` reads back is exactly the title given.
* Only inside the folder given: the folder itself must not be a symbolic link, and no folder or
  file inside it on the way to a file init writes may be one (dangling or not). That is checked
  before anything is written, and again by the writer (write_new), which opens each folder with
  O_NOFOLLOW relative to the one above and each file with O_EXCL, so a link swapped in while it
  writes is refused too. The folders above the one given are the user's and are followed.
* requirements.txt never names contentplan bare: a package index would install whoever
  publishes that name. By default it holds PLACEHOLDER, a line pip refuses with a message that
  says what to do; `--requirement` takes only `contentplan @ git+https://…@<tag or commit>`
  (or git+ssh), and `--wheel PATH` copies a contentplan wheel into wheels/ and requires it by
  a relative path.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from . import report, schema
from .model import FIRST_DAY, LAST_DAY
from .platforms import DEFAULT_STARTERS, PLATFORMS, STARTER_PLATFORMS
from .templating import text_environment

FILES = Path(__file__).parent / "init_files"
# what a team may pick, and the channel `init` writes for each: platforms.py (Platform.starter)
KINDS = STARTER_PLATFORMS
DEFAULT_KINDS = DEFAULT_STARTERS
DEFAULT_TITLE = "我们的社群发布计划"
MAX_TITLE = 200  # characters: a title is a line on a phone's screen

# What requirements.txt holds until the team says where it gets contentplan. Not a requirement
# pip can read (no '/', no leading '.', so not a path either), and no name an index could serve:
# `pip install -r requirements.txt` stops with "Invalid requirement: 'CONTENTPLAN-NOT-SET: …'".
PLACEHOLDER_MARK = "CONTENTPLAN-NOT-SET"
PLACEHOLDER = f"{PLACEHOLDER_MARK}: replace this line with where your team installs contentplan from, see README.md"
WHEELS = "wheels"  # where --wheel puts the wheel, inside the new repository
MAX_WHEEL = 64 * 1024 * 1024
MAX_REQUIREMENT = 500


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    platform: str
    quiet: bool


def _starter(platform: str) -> tuple[str, str]:
    starter = PLATFORMS[platform].starter
    assert starter is not None  # KINDS holds only platforms with a starter channel
    return starter


class InitError(Exception):
    """What stops `init` (the folder holds files it would overwrite or a symbolic link, a bad choice)."""


# --- values into files -----------------------------------------------------------------------


def yaml_str(value: object) -> str:
    """`value` as a YAML double-quoted scalar that any YAML reader (1.1 or 1.2) reads back as the
    same string: quotes and backslashes escaped, and every character YAML would refuse, fold
    or read as a line break written as an escape."""
    out = []
    for ch in str(value):
        if ch in '"\\':
            out.append("\\" + ch)
        elif _yaml_printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _yaml_printable(ch: str) -> bool:
    code = ord(ch)
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        and code not in (0x2028, 0x2029)
        or 0xE000 <= code <= 0xFFFD
        and code != 0xFEFF
        or code >= 0x10000
    )


_MD_BACKSLASH = frozenset("\\`*_{}[]()#+-.!")  # what CommonMark and Python-Markdown both unescape
# the rest as entities: HTML; table cells; strikethrough; emoji codes and autolinks (https://)
_MD_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;", ":": "&#58;", "@": "&#64;"}


def md_inline(value: object) -> str:
    """`value` as inline Markdown text (a heading, a list item): one line, every character that
    Markdown reads as markup or HTML shown as itself."""
    text = " ".join(str(value).split())
    return "".join(_MD_ENTITY.get(ch) or ("\\" + ch if ch in _MD_BACKSLASH else ch) for ch in text)


# --- what init accepts -----------------------------------------------------------------------

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unfit_for_a_title(ch: str) -> str | None:
    """Why `ch` may not be in a title, or None."""
    category = unicodedata.category(ch)
    code = ord(ch)
    if category == "Cc":
        return "a control character"
    if category in ("Zl", "Zp"):
        return "a line break"
    if category == "Cs":
        return "not a character (a lone surrogate)"
    if ch in _BIDI:
        return "a text-direction control"
    if ch == "\ufeff":
        return "a byte-order mark"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter"
    return None


def check_title(title: str) -> str:
    """The title as given, or InitError saying why no plan can carry it."""
    if not title.strip():
        raise InitError("the title is empty; give the plan a name, e.g. --title 赤岭酱坊")
    if len(title) > MAX_TITLE:
        raise InitError(f"the title is {len(title)} characters long; keep it to {MAX_TITLE}")
    for ch in title:
        why = _unfit_for_a_title(ch)
        if why:
            raise InitError(f"the title holds U+{ord(ch):04X} ({why}); a title is one line of visible text")
    if not any(unicodedata.category(ch)[0] in "LNPS" for ch in title):  # only blanks and zero-width marks
        raise InitError("the title has no visible character; give the plan a name, e.g. --title 赤岭酱坊")
    return title


_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?"
_PATH = r"(?:/[A-Za-z0-9._~-]+)+"  # no '@' ':' '%' '#' '?' spaces: nothing that could move the ref
_REF = r"(?P<ref>[0-9a-f]{40}|[0-9a-f]{64}|v[0-9]+(?:\.[0-9]+)*[0-9A-Za-z.+-]*|[0-9]+(?:\.[0-9]+)+[0-9A-Za-z.+-]*)"
_GIT_REQUIREMENT = re.compile(
    rf"contentplan *@ *(?P<url>git\+(?:https://{_HOST}|ssh://(?:[A-Za-z0-9._-]+@)?{_HOST}){_PATH}@{_REF})"
)
WHEEL_NAME = re.compile(
    r"contentplan-[0-9][0-9A-Za-z_.!+]*(?:-[0-9][0-9A-Za-z_.]*)?"
    r"-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl"
)
_SUGGESTION = (
    "write --requirement 'contentplan @ git+https://HOST/OWNER/contentplan@<tag or full commit>' "
    "(where your team publishes contentplan), or --wheel PATH to keep a wheel in the repository"
)


def check_requirement(requirement: str) -> str:
    """A git URL pinned to a tag or a full commit, as `contentplan @ URL`; else InitError."""
    shown = report.printable(requirement if len(requirement) <= 100 else requirement[:100] + "…")
    text = requirement.strip(" ")
    found = _GIT_REQUIREMENT.fullmatch(text) if len(text) <= MAX_REQUIREMENT else None
    if found:
        return f"contentplan @ {found.group('url')}"
    if any(unicodedata.category(ch) == "Cc" for ch in requirement):
        why = "holds a control character or a line break (each line of requirements.txt is read by pip)"
    elif text.startswith("-"):
        why = "is a pip option, not a requirement (an option in requirements.txt can change where everything installs from)"
    elif re.match(r"[A-Za-z0-9._-]+ *(\[[^\]]*\])? *(?:[=<>~!].*)?$", text):
        why = (
            "names a package on an index, where anyone can publish a 'contentplan' "
            "(it is not published there) and have it run in your CI"
        )
    elif "git+http://" in text:
        why = "fetches over plain http"
    elif re.search(r"git\+https://[^/@]*@", text):
        why = "holds credentials, which would be committed with requirements.txt"
    elif not re.match(r"contentplan *@", text):
        why = "is not 'contentplan @ URL'"
    elif "git+" in text and re.search(r"@(main|master|HEAD|develop|trunk)\b", text):
        why = "follows a branch, which can change under you: pin a tag or a full 40-character commit"
    else:
        why = "is not a git URL pinned to a tag (v1.2.3) or a full commit, with nothing after it"
    raise InitError(f"--requirement '{shown}' {why}; {_SUGGESTION}")


def read_wheel(path: Path) -> tuple[str, bytes]:
    """A contentplan wheel's file name and bytes, or InitError."""
    shown = report.printable(str(path))
    if not WHEEL_NAME.fullmatch(path.name):
        raise InitError(f"--wheel {shown}: not a contentplan wheel's file name (contentplan-VERSION-py3-none-any.whl)")
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a folder, a FIFO (which would wait forever), a device
            raise InitError(f"--wheel {shown}: not a regular file")
        if st.st_size > MAX_WHEEL:
            raise InitError(f"--wheel {shown}: {st.st_size} bytes, more than a contentplan wheel's {MAX_WHEEL}")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as source:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):  # swapped since the stat
                raise InitError(f"--wheel {shown}: not a regular file")
            data = source.read(MAX_WHEEL + 1)
    except OSError as exc:
        raise InitError(f"--wheel {shown}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_WHEEL:
        raise InitError(f"--wheel {shown}: more than a contentplan wheel's {MAX_WHEEL} bytes")
    if not _is_contentplan_wheel(data):
        raise InitError(f"--wheel {shown}: not a wheel of contentplan (no contentplan-*.dist-info/METADATA naming it)")
    return path.name, data


def _is_contentplan_wheel(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            for info in wheel.infolist():
                if re.fullmatch(r"contentplan-[^/]+\.dist-info/METADATA", info.filename) and info.file_size < 1_000_000:
                    metadata = wheel.read(info).decode("utf-8", "replace")
                    return re.search(r"^Name: *contentplan *$", metadata, re.M | re.I) is not None
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError):
        return False
    return False


# --- the files -------------------------------------------------------------------------------


def plan_files(
    title: str, kinds: tuple[str, ...], start: date, requirement: str | None = None, wheel: tuple[str, bytes] | None = None
) -> dict[str, str | bytes]:
    """Every file of the new repository: path → text (or bytes, the wheel)."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InitError(f"unknown platform {', '.join(unknown) or '(none)'}; choose from {', '.join(KINDS)}")
    title = check_title(title)
    if not FIRST_DAY <= start <= LAST_DAY - timedelta(days=6):
        raise InitError(
            f"--start {start.isoformat()}: the sample week must fall within "
            f"{FIRST_DAY.year}-{LAST_DAY.year}, the years a plan's dates may be in"
        )
    if requirement is not None and wheel is not None:
        raise InitError("--requirement and --wheel both say where contentplan comes from; give one")
    if wheel is not None:
        requirement = f"./{WHEELS}/{wheel[0]}"  # pip reads a path from the folder it runs in: the repository
    elif requirement is not None:
        requirement = check_requirement(requirement)
    channels = [Channel(*_starter(k), k, PLATFORMS[k].group_chat) for k in kinds]  # a group sleeps at night
    chats = [c for c in channels if not PLATFORMS[c.platform].has_headline]
    titled = [c for c in channels if PLATFORMS[c.platform].has_headline]
    posts = []
    for offset in range(7):  # a week: a morning greeting in each chat, a headline post every other day
        day = start + timedelta(days=offset)
        for channel in chats:
            if channel.platform == "wechat-moments":  # a moment at noon, in the script written for it
                posts.append(
                    {
                        "date": day.isoformat(),
                        "time": "12:10",
                        "channel": channel.id,
                        "playbook": "moments-daily",
                        "headline": None,
                        "vars": {"scene": f"第{offset + 1}天中午，店里刚到了一批新货", "product": "店里的招牌"},
                    }
                )
                continue
            posts.append(
                {
                    "date": day.isoformat(),
                    "time": "08:30",
                    "channel": channel.id,
                    "playbook": "morning-greeting",
                    "headline": None,
                    "vars": {"tip": f"第{offset + 1}天：天冷了，出门记得加件外套"},
                }
            )
        if titled and offset % 2 == 0:
            channel = titled[(offset // 2) % len(titled)]
            posts.append(
                {
                    "date": day.isoformat(),
                    "time": "20:00",
                    "channel": channel.id,
                    "playbook": "number-list",
                    "headline": f"冬天的 3 个小习惯（第 {offset // 2 + 1} 期）",
                    "vars": None,
                }
            )
    env = text_environment(FILES)
    env.filters.update(yaml_str=yaml_str, md_inline=md_inline)
    data = {
        "title": title,
        "channels": channels,
        "industry": None,
        "posts": posts,
        "requirement": requirement or PLACEHOLDER,
        "requirement_set": requirement is not None,
        "wheel": wheel is not None,
        "placeholder_mark": PLACEHOLDER_MARK,
        "script_platforms": [c.platform for c in chats if c.platform != "wechat-moments"] or list(kinds),
        "kinds": list(kinds),
        "headline_platforms": [c.platform for c in titled] or list(kinds),
    }
    files = {
        "content/site.yml": "site.yml.j2",
        f"content/calendar/{start:%Y-%m}.yml": "calendar.yml.j2",
        "playbooks/scripts/morning-greeting.md": "script.md.j2",
        "playbooks/hot-topics/weather-solar-term.md": "hot-topic.md.j2",
        ".github/workflows/contentplan.yml": "contentplan.yml",  # no template: the file as it is
        ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
        ".vscode/settings.json": "vscode-settings.json.j2",
        ".vscode/extensions.json": "vscode-extensions.json.j2",
        ".gitignore": "gitignore.j2",
        "requirements.txt": "requirements.txt.j2",
        "README.md": "README.md.j2",
    }
    if "wechat-moments" in kinds:  # the ids the guides use (五分钟发第一条: moments, moments-daily)
        files["playbooks/scripts/moments-daily.md"] = "moments.md.j2"
    if titled:
        files["playbooks/headlines/number-list.md"] = "headline.md.j2"
    else:  # no platform takes headlines: the second playbook is a second script
        files["playbooks/scripts/evening-chat.md"] = "script.md.j2"
    out: dict[str, str | bytes] = {
        path: env.get_template(template).render(**data)
        if template.endswith(".j2")
        else (FILES / template).read_text(encoding="utf-8")
        for path, template in files.items()
    }
    if not titled:
        out["playbooks/scripts/evening-chat.md"] = (
            str(out["playbooks/scripts/evening-chat.md"])
            .replace("title: 早安问候", "title: 晚间闲聊")
            .replace("早上好！", "晚上好！")
        )
    out.update({f"schema/{name}": text for name, text in schema.schemas().items() if name != "day.schema.json"})
    if wheel is not None:
        out[f"{WHEELS}/{wheel[0]}"] = wheel[1]
    _verify(out, title, requirement or PLACEHOLDER)
    return out


def _verify(files: dict[str, str | bytes], title: str, requirement: str) -> None:
    """The last word before anything is written: the YAML parses and holds the title given, and
    requirements.txt holds exactly one requirement line, the one meant."""
    try:
        site = yaml.safe_load(str(files["content/site.yml"]))
        for path, text in files.items():
            if path.endswith((".yml", ".yaml")):
                yaml.safe_load(str(text))
    except yaml.YAMLError as exc:  # pragma: no cover - a template bug
        raise InitError(f"internal error: a file init would write is not valid YAML ({exc}); nothing was written") from None
    lines = [line for line in str(files["requirements.txt"]).splitlines() if line.strip() and not line.startswith("#")]
    if not isinstance(site, dict) or site.get("title") != title or lines != [requirement]:  # pragma: no cover
        raise InitError("internal error: the files init would write do not say what was given; nothing was written")


# --- writing only where asked ----------------------------------------------------------------

_DIR_FD = {os.open, os.mkdir, os.stat} <= os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _refusals(folder: Path, paths: list[str]) -> str | None:
    """Why `folder` cannot take `paths` (a symbolic link on the way, a file where a folder goes,
    files that exist), checked with lstat before anything is written; None if it can."""
    if folder.is_symlink():
        return (
            f"{folder} is a symbolic link (to {os.path.realpath(folder)}); init writes only into a real folder: "
            "name the folder it points to; nothing was written"
        )
    if folder.exists() and not folder.is_dir():
        return f"{folder} is not a folder; nothing was written"
    links, blocked, existing = set(), set(), set()
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            rel = "/".join(parts[:depth])
            try:
                st = os.lstat(folder / rel)
            except FileNotFoundError:
                break
            except NotADirectoryError:  # pragma: no cover - caught one level up
                break
            if stat.S_ISLNK(st.st_mode):
                links.add(rel)
                break
            if depth < len(parts) and not stat.S_ISDIR(st.st_mode):
                blocked.add(rel)
                break
            if depth == len(parts):
                existing.add(rel)
    if links:
        return (
            f"{folder} has symbolic links where init would write: {', '.join(sorted(links))}; init never writes "
            "through a link (it could point anywhere); nothing was written"
        )
    if blocked:
        return f"{folder} has {', '.join(sorted(blocked))}, which is not a folder; nothing was written"
    if existing:
        return f"{folder} already has {', '.join(sorted(existing))}; nothing was written (init never overwrites)"
    return None


def write_new(folder: Path, rel: str, data: bytes) -> None:
    """Write a new file at folder/rel, creating the folders on the way; never through a symbolic
    link (each folder is opened with O_NOFOLLOW relative to the one above it, so a link swapped
    in after any check is refused) and never over a file (O_EXCL: FileExistsError)."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise InitError(f"internal error: {rel} is not a path inside the folder")
    if not _DIR_FD:  # pragma: no cover - Windows: check with lstat, then open with "x"
        for depth in range(len(parts)):
            here = folder.joinpath(*parts[:depth])
            if here.is_symlink():
                raise InitError(f"{'/'.join(parts[:depth]) or folder} is a symbolic link; init never writes through one")
            if depth:
                here.mkdir(exist_ok=True)
        with open(folder.joinpath(*parts), "xb") as out:
            out.write(data)
        return
    fd = _open_folder(None, str(folder), str(folder))
    try:
        for depth, part in enumerate(parts[:-1], start=1):
            try:
                os.mkdir(part, dir_fd=fd)
            except FileExistsError:
                pass
            child = _open_folder(fd, part, "/".join(parts[:depth]))
            os.close(fd)
            fd = child
        handle = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_NOFOLLOW | _O_CLOEXEC, 0o666, dir_fd=fd)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
    finally:
        os.close(fd)


def _open_folder(dir_fd: int | None, name: str, shown: str) -> int:
    try:
        return os.open(name, os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            raise
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode):
            raise InitError(f"{shown} is a symbolic link; init never writes through one") from None
        raise InitError(f"{shown} is not a folder") from None


def init(
    folder: Path,
    title: str = DEFAULT_TITLE,
    kinds: tuple[str, ...] = DEFAULT_KINDS,
    start: date | None = None,
    requirement: str | None = None,
    wheel: Path | None = None,
    members: tuple[str, ...] | None = None,
) -> list[str]:
    """Write the new repository into `folder` (created if needed); the paths written, sorted.
    `members`: a brand's network of these members instead of a plan (init_network.py)."""
    wheel_file = read_wheel(wheel) if wheel is not None else None
    if members is not None:
        from .init_network import network_files

        files = network_files(title, kinds, start or date.today(), requirement, wheel_file, members)
    else:
        files = plan_files(title, kinds, start or date.today(), requirement, wheel_file)
    refusal = _refusals(folder, sorted(files))
    if refusal:
        raise InitError(refusal)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    for path, content in sorted(files.items()):
        try:
            write_new(folder, path, content if isinstance(content, bytes) else content.encode("utf-8"))
        except (InitError, OSError) as exc:
            if not written:
                raise
            why = exc if isinstance(exc, InitError) else (exc.strerror or exc)
            raise InitError(
                f"stopped at {path} ({why}) after writing {len(written)} files "
                f"({', '.join(written[:3])}{', …' if len(written) > 3 else ''}); the folder changed while "
                "init wrote; those files are new and yours to keep or delete"
            ) from None
        written.append(path)
    return written

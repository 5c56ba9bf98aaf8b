"""What a check keeps between runs: each calendar file's own reading (assemble.CalendarPiece),
so that checking again after one file changed parses and validates only that file.

    cache = CheckCache.open(root, language)     # None when there is no usable cache folder
    sources = load_plan(root, cache.known)      # a file whose text is known is not parsed
    cache.keep(sources.calendars, pieces)       # the pieces made this time (before assemble)
    cache.save()                                # the pieces this check used or made, no others

An entry is keyed by the file's path and a SHA-256 of its text; the whole cache by the tool's
version (a hash of this package's code and messages, and the versions of Python, pydantic and
PyYAML) and the language of the messages. Anything else the pieces depend on is in the text.

The cache is outside the plan (a plan comes from pull requests and forks, and a cache holds
pickles): in $CONTENTPLAN_CACHE_DIR, else $XDG_CACHE_HOME/contentplan, else
~/.cache/contentplan, one file per plan folder and language. Each file carries an HMAC-SHA256
of its bytes under a random key that never leaves that folder (`key`, mode 0600), checked
before a byte of it is unpickled: a cache that is truncated, corrupt, written by another
version or planted by someone without the key is ignored (and rewritten), never trusted. The
folder keeps at most MAX_CACHES plans' caches; the oldest go first. `--no-cache` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ENV = "CONTENTPLAN_CACHE_DIR"
MAGIC = b"contentplan-check-cache-1\n"
SUFFIX = ".check-cache"
MAX_CACHES = 64  # plan folders x languages; a test run makes many
MAX_CACHE_BYTES = 512 * 1024 * 1024  # bigger is not ours to read (a plan is at most 64 MiB)
_KEY_BYTES = 32
_tool: list[str] = []


def folder() -> Path:
    """Where caches live (see the module's docstring)."""
    chosen = os.environ.get(ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base and os.path.isabs(base) else Path.home() / ".cache") / "contentplan"


def tool_version() -> str:
    """A hash of what makes a piece: this package's code and messages, and the libraries."""
    if not _tool:
        import pydantic
        import yaml

        digest = hashlib.sha256()
        digest.update(f"{sys.version}\0{pydantic.VERSION}\0{yaml.__version__}\0".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".mo") and path.is_file():
                digest.update(path.relative_to(package).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
        _tool.append(digest.hexdigest())
    return _tool[0]


class CheckCache:
    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self._key = key
        self._entries: dict[str, tuple[str, bytes]] = {}  # path in the plan → (text digest, pickled piece)
        self._kept: dict[str, tuple[str, bytes]] = {}  # what this check used or made: what save() writes
        self.ignored: str | None = None  # why the cache on disk was not used, if it was not
        self.hits = 0

    @classmethod
    def open(cls, root: Path, language: str, where: Path | None = None) -> CheckCache | None:
        """The cache of the plan at `root` for messages in `language`; None when no cache folder
        can be made or its key read (the check then runs without one)."""
        opened = open_sealed(root, language, SUFFIX, where)
        if opened is None:
            return None
        cache = cls(*opened)
        cache._read()
        return cache

    def has(self, rel: str, digest: str) -> bool:
        entry = self._entries.get(rel)
        return entry is not None and entry[0] == digest

    def add(self, rel: str, digest: str, blob: bytes) -> None:
        """Keep a piece pickled elsewhere (check.py's forked copy)."""
        self._kept[rel] = (digest, blob)

    def known(self, rel: str, digest: str) -> Any:
        """The piece made before of the file `rel` whose text has `digest`, else None."""
        entry = self._entries.get(rel)
        if entry is None or entry[0] != digest:
            return None
        try:
            piece = pickle.loads(entry[1])
        except Exception:  # authentic but unreadable: a bug; read the file instead
            return None
        self._kept[rel] = entry
        self.hits += 1
        return piece

    def keep(self, docs: Sequence[Any], pieces: Sequence[Any]) -> None:
        """Keep the pieces made this time (call before assemble changes them)."""
        for doc, piece in zip(docs, pieces):
            if doc.known is None and doc.digest is not None:
                self._kept[doc.path] = (doc.digest, pickle.dumps(piece, pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Write what this check used or made; a cache that cannot be written is left as it is."""
        write_sealed(self.path, self._key, {"tool": tool_version(), "entries": self._kept})

    def _read(self) -> None:
        content, self.ignored = read_sealed(self.path, self._key)
        if content is not None:
            self._entries = content["entries"]


def open_sealed(root: Path, language: str, suffix: str, where: Path | None = None) -> tuple[Path, bytes] | None:
    """(the file of the plan at `root` and `language` with `suffix` in the cache folder, the
    folder's key); None when no cache folder can be made or its key read."""
    base = where or folder()
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = _key(base)
    except OSError:
        return None
    if key is None:
        return None
    name = hashlib.sha256(f"{Path(root).resolve()}\0{language}".encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return base / (name + suffix), key


def read_sealed(path: Path, key: bytes) -> tuple[dict | None, str | None]:
    """(what write_sealed wrote at `path`, None) when it is there, whole, written with `key` by
    this version of the tool; else (None, why not, or None when there is no file)."""
    try:
        with open(path, "rb", opener=_no_follow) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
                return None, "not a cache file"
            data = handle.read()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"unreadable ({exc.strerror or exc})"
    head = len(MAGIC) + hashlib.sha256().digest_size
    if not data.startswith(MAGIC) or len(data) < head:
        return None, "not a cache file"
    payload = data[head:]
    if not hmac.compare_digest(data[len(MAGIC) : head], hmac.new(key, payload, hashlib.sha256).digest()):
        return None, "corrupt or not written here"
    try:
        content = pickle.loads(payload)
        tool = content["tool"]
    except Exception:
        return None, "unreadable"
    if tool != tool_version():
        return None, "written by another version"
    return content, None


def write_sealed(path: Path, key: bytes, content: dict) -> None:
    """Write `content` (a dict with "tool": tool_version()) at `path`, sealed with `key`, whole
    or not at all; a cache that cannot be written is left as it is."""
    payload = pickle.dumps(content, pickle.HIGHEST_PROTOCOL)
    data = MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return
    _prune(path.parent, path.suffix)


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _key(base: Path) -> bytes | None:
    """The folder's secret: made once, readable by its owner only. None if it is not ours."""
    path = base / "key"
    try:
        made = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(made, "wb") as out:
            out.write(secrets.token_bytes(_KEY_BYTES))
    with open(path, "rb", opener=_no_follow) as reading:
        info = os.fstat(reading.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077 or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return None  # someone else could know it
        key = reading.read(_KEY_BYTES + 1)
    return key if len(key) == _KEY_BYTES else None


def _prune(base: Path, suffix: str = SUFFIX) -> None:
    """Keep the MAX_CACHES most recently written caches of the folder with `suffix`; only ours
    are looked at."""
    try:
        caches = [
            (entry.stat(follow_symlinks=False).st_mtime, entry.path) for entry in os.scandir(base) if entry.name.endswith(suffix)
        ]
    except OSError:
        return
    for _, path in sorted(caches, reverse=True)[MAX_CACHES:]:
        try:
            os.unlink(path)
        except OSError:
            pass

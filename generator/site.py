"""`contentplan build` and `serve`: run MkDocs on the plan at a root with the project's site config.

The site config is ROOT/mkdocs.yml when the plan has one, else the default that ships in the package
(generator/default_site/mkdocs.yml, with the team's guides).

`build --site-url URL` tells MkDocs where the site will be published (it replaces `site_url` of
the config): the calendar feeds then link each event to its post's full address, and MkDocs
writes canonical links and a sitemap. The URL must be a plain http(s) address (`check_site_url`).

A build never destroys what contentplan did not make, and never leaves a half-written site:

* A built site carries the marker file `.contentplan-site` at its top. The site folder may only
  be a new path, an empty folder or a folder with that marker (`site_dir_problem`), and never
  the plan itself, a folder inside its sources or a folder holding it.
* The site is built into a staging folder beside the target (same file system, named
  `.<name>.contentplan-staging-*`, marked at creation) and swapped in only when the build
  succeeded. On Linux the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere it is two
  renames with the old site parked at `.<name>.contentplan-old`, which the next build puts back
  or deletes. Either way a SIGKILL leaves the old site or the new one, never neither for good.
* Builds into one folder take turns through flock on `.<name>.contentplan-lock` (deleted when
  the build ends); under that lock each build first clears what killed builds left behind,
  and only folders it can tell it made.
"""
from __future__ import annotations

import ctypes
import errno
import logging
import os
import platform
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

try:
    import fcntl
except ImportError:  # Windows: no flock; builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from .check import Report

DEFAULT_CONFIG = Path(__file__).resolve().parent / "default_site" / "mkdocs.yml"  # ships in the package

MARKER = ".contentplan-site"
MARKER_HEAD = "contentplan site"
MARKER_TEXT = (
    f"{MARKER_HEAD}\n"
    "This folder was written by `contentplan build`, which replaces all of it on the next build.\n"
    "Delete this file to keep contentplan from replacing the folder.\n"
)
_STAGING = ".contentplan-staging-"
_OLD = ".contentplan-old"
_LOCK = ".contentplan-lock"


def config_file(root: Path) -> Path:
    own = root / "mkdocs.yml"
    if own.is_file():
        return own
    if DEFAULT_CONFIG.is_file():
        return DEFAULT_CONFIG
    raise FileNotFoundError(f"no mkdocs.yml in {root}, and the package's default site is missing ({DEFAULT_CONFIG})")


def _prepare(root: Path) -> None:
    os.environ["CONTENTPLAN_ROOT"] = str(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")  # Material's banner; we pin MkDocs < 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)


# --- build and serve ---------------------------------------------------------------------------


def build(root: Path, out: Path, checked: Report | None = None, site_url: str | None = None) -> int:
    """Build into `out`; 0 on success, 1 when the site build fails, 2 when `out` is refused or unwritable.

    `checked`, the report of a check just made of `root`, saves the plugin checking again;
    `site_url` (checked by `check_site_url`), where the site is published, replaces the config's.
    """
    out = Path(os.path.abspath(out))  # absolute, but a symlink stays a symlink (and is refused)
    problem = epoch_problem() or site_dir_problem(root, out)
    if problem is not None:
        return _refuse(problem)
    _prepare(root)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with lock_site_dir(out):
            recover(out)
            problem = site_dir_problem(root, out)  # it may have changed while we waited for the lock
            if problem is not None:
                return _refuse(problem)
            staging = new_staging(out)
            status = _run_mkdocs(root, staging, checked, site_url)
            if status != 0:
                return status
            publish(staging, out)
    except OSError as exc:
        print(f"contentplan: cannot write the site to {out}: {exc}", file=sys.stderr)
        return 2
    print(f"contentplan: site written to {out}", file=sys.stderr)
    return 0


def _refuse(problem: str) -> int:
    print(f"contentplan: {problem}", file=sys.stderr)
    return 2


def _run_mkdocs(root: Path, staging: Path, checked: Report | None, site_url: str | None = None) -> int:
    """Build the site into `staging`; on any failure remove it and return 1 (2 for I/O errors)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = None
    try:
        config = load_config(config_file=str(config_file(root)), site_dir=str(staging), strict=True,
                             site_url=site_url or None)  # None: the config's own (load_config skips it)
        plugin = config.plugins.get("contentplan")
        if checked is not None and plugin is not None:
            plugin.prechecked = (root, checked)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except MkDocsException as exc:
        _remove_ours(staging)
        print(f"{exc}", file=sys.stderr)
        print("contentplan: build failed; no site written", file=sys.stderr)
        return 1
    except OSError as exc:
        _remove_ours(staging)
        print(f"contentplan: build failed: {exc}; no site written", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug or a limit check missed: a message, not a traceback
        _remove_ours(staging)
        print(f"contentplan: build failed ({type(exc).__name__}: {str(exc)[:200]}); no site written. "
              "Please report this with the plan that caused it.", file=sys.stderr)
        return 1
    except BaseException:
        _remove_ours(staging)
        raise
    finally:
        if config is not None:
            config.plugins.on_shutdown()
    if not _has_marker(staging):  # MkDocs keeps hidden files in site_dir; rewrite it should that change
        _write_marker(staging)
    return 0


def serve(root: Path, dev_addr: str) -> int:
    """Serve with live reload; a plan with errors shows its problems on the home page."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    problem = epoch_problem()
    if problem is not None:
        return _refuse(problem)
    _prepare(root)
    try:
        mkdocs_serve(config_file=str(config_file(root)), livereload=True, dev_addr=dev_addr)
    except MkDocsException as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    return 0


# scheme://host[:port][/path]: letters, digits and `. _ ~ - / %` only, so it reads the same in
# HTML, in a sitemap and in a calendar feed's URL (nothing there needs escaping).
_SITE_URL = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")


def check_site_url(text: str) -> str | None:
    """The site's public address as given, None for an empty one (CI may pass an output that is
    empty), or ValueError saying what is wrong."""
    text = text.strip()
    if not text:
        return None
    if len(text) > 2000 or not _SITE_URL.fullmatch(text):
        raise ValueError(f"'{text[:100]}' is not a web address like https://OWNER.github.io/REPO/ "
                         "(http or https, a host, an optional path; no spaces, query, fragment or user name; "
                         "write a non-ASCII domain or path in its ASCII form)")
    return text


def epoch_problem() -> str | None:
    """Why SOURCE_DATE_EPOCH cannot be used, or None. MkDocs reads it with int() and writes it
    into the sitemap's gzip header (32 bits): anything else would end in a traceback there."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit() and int(text) < 2**32):
        return (f"SOURCE_DATE_EPOCH={value[:20]!r} is not a number of seconds since 1970 "
                "(0 to 4294967295); set it to e.g. $(git log -1 --format=%ct) or unset it")
    return None


# --- which folders may be replaced ---------------------------------------------------------------


def site_dir_problem(root: Path, out: Path) -> str | None:
    """Why a site built from the plan at `root` may not replace `out` (one line), or None when it may.

    Reads, never writes. Building replaces `out` whole, so it must lie outside the plan's sources
    and be a new path, an empty folder, or a site contentplan built (it holds MARKER).
    """
    return placement_problem(root, out) or _contents_problem(out)


def placement_problem(root: Path, out: Path) -> str | None:
    """Why `out` may not hold the site of the plan at `root` wherever it stands (the plan itself,
    inside its sources, around it, over docs_dir), or None. Also used by a plain `mkdocs build`,
    which empties its site_dir itself."""
    site = Path(os.path.abspath(out)).resolve()
    plan = Path(root).resolve()
    if site == plan:
        return (f"{out} is the plan folder itself; building there would delete content/ and playbooks/. "
                f"Choose another site folder, such as {plan / 'site'}")
    if plan.is_relative_to(site):
        return f"{out} contains the plan folder {plan}; choose a site folder that does not, such as {plan / 'site'}"
    for name in ("content", "playbooks"):
        sources = (plan / name).resolve()
        if site.is_relative_to(sources):
            return f"{out} is inside the plan's {name}/ folder; choose a site folder outside content/ and playbooks/"
    docs = _docs_dir(plan)
    if docs is not None and (site.is_relative_to(docs) or docs.is_relative_to(site)):
        return f"{out} overlaps the MkDocs docs_dir {docs}; choose a site folder outside it"
    return None


def _contents_problem(out: Path) -> str | None:
    path = Path(os.path.abspath(out))
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            return f"{out} is a symbolic link; give the folder it points to, or a new or empty folder"
        if not stat.S_ISDIR(mode):
            return f"{out} is a file, not a folder; choose a new or empty folder, or delete the file yourself"
        if _has_marker(path) or _is_empty(path):
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot inspect {out}: {exc.strerror}"
    return (f"{out} holds files contentplan did not write (it has no {MARKER} file); "
            f"choose a new or empty folder, or delete {out} yourself")


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for docs_dir only: tags such as !ENV or !!python/name load as None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _docs_dir(root: Path) -> Path | None:
    """The resolved docs_dir of the MkDocs config a build of `root` uses, or None if it cannot be read."""
    try:
        config = config_file(root)
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, yaml.YAMLError):
        return None
    docs = data.get("docs_dir") if isinstance(data, dict) else None
    return (config.parent / (docs if isinstance(docs, str) else "docs")).resolve()


def _has_marker(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return False
        with open(marker, encoding="utf-8", errors="replace") as f:
            return f.readline().rstrip("\n") == MARKER_HEAD
    except OSError:
        return False


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _write_marker(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


# --- swapping a finished site into place -----------------------------------------------------------


@contextmanager
def lock_site_dir(out: Path) -> Iterator[None]:
    """Hold the lock of site folder `out`, a file beside it; wait, saying so once, while another build holds it."""
    if fcntl is None:
        yield
        return
    path = out.with_name(f".{out.name}{_LOCK}")
    fd = _take_lock(path, out)
    try:
        yield
    finally:
        try:
            os.unlink(path)  # while still holding it: a waiter that then gets the dead file retries
        except FileNotFoundError:
            pass
        os.close(fd)


def _take_lock(path: Path, out: Path) -> int:
    announced = False
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not announced:
                    print(f"contentplan: waiting for another build into {out}", file=sys.stderr, flush=True)
                    announced = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(fd, path):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder deleted this file on leaving; lock the one at `path` now


def _same_file(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def new_staging(out: Path) -> Path:
    """A fresh, marked folder beside `out` to build into. The caller holds the lock."""
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}{_STAGING}", dir=out.parent))
    _write_marker(staging)  # written at once, so a killed build's leftover is recognisably ours
    os.chmod(staging, _folder_mode(out))  # mkdtemp makes 0700; a web server must read the site
    return staging


def _folder_mode(out: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o777 & ~umask


def publish(staging: Path, out: Path) -> None:
    """Put the finished site in `staging` at `out` and delete the old one. The caller holds the lock.

    `out` holds the whole old or the whole new site at every instant, except in the two-rename
    fallback, where a kill between the renames leaves the journal that `recover` completes.
    """
    if not os.path.lexists(out):
        os.rename(staging, out)  # nothing to keep: one atomic rename
        return
    if _exchange(staging, out):
        old = staging  # it now holds the old site
    else:
        old = out.with_name(f".{out.name}{_OLD}")
        os.rename(out, old)  # journal: `old` present and `out` missing means "put old back"
        os.rename(staging, out)
    try:
        _remove_ours(old)
    except OSError as exc:  # the new site is in place; the next build retries the clean-up
        print(f"contentplan: could not delete the old site at {old}: {exc}", file=sys.stderr)


def recover(out: Path) -> None:
    """Undo or finish a swap a killed build left half done, and delete its staging folders.

    Only folders named by this module and carrying MARKER (or empty ones, which rmdir alone
    removes) are touched. The caller holds the lock, so no live build owns them.
    """
    old = out.with_name(f".{out.name}{_OLD}")
    if _is_ours(old):
        if os.path.lexists(out):
            _remove_ours(old)  # the swap finished; only its clean-up was cut short
        else:
            os.rename(old, out)  # killed between the two renames: the old site goes back
    prefix = f".{out.name}{_STAGING}"
    with os.scandir(out.parent) as entries:
        leftovers = [Path(e.path) for e in entries if e.name.startswith(prefix)]
    for folder in leftovers:
        _remove_ours(folder)


def _is_ours(folder: Path) -> bool:
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        return _has_marker(folder) or _is_empty(folder)
    except OSError:
        return False


def _remove_ours(folder: Path) -> None:
    """Delete a folder this module made, marker last, so a delete cut short is still recognised next time."""
    if not _is_ours(folder):
        return
    with os.scandir(folder) as entries:
        contents = [e for e in entries if e.name != MARKER]
    for entry in contents:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    try:
        os.unlink(folder / MARKER)
    except FileNotFoundError:
        pass
    os.rmdir(folder)


# --- atomic exchange (Linux) -----------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276, "i686": 353, "i386": 353}  # for a libc without the wrapper


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    wrapper = getattr(libc, "renameat2", None)  # glibc >= 2.28, musl >= 1.2.3
    if wrapper is not None:
        wrapper.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        wrapper.restype = ctypes.c_int
        return wrapper
    number = _SYS_RENAMEAT2.get(platform.machine())
    if number is None:
        return None
    syscall = libc.syscall
    syscall.restype = ctypes.c_long

    def call(olddirfd: int, old: bytes, newdirfd: int, new: bytes, flags: int) -> int:
        return syscall(ctypes.c_long(number), ctypes.c_int(olddirfd), ctypes.c_char_p(old),
                       ctypes.c_int(newdirfd), ctypes.c_char_p(new), ctypes.c_uint(flags))

    return call

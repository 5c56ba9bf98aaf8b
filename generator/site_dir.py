"""The site folder: which folder a build may replace, and how it is replaced (site.py builds).

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
import os
import platform
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import yaml

try:
    import fcntl
except ImportError:  # Windows: no flock; builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]


DEFAULT_CONFIG = Path(__file__).resolve().parent / "default_site" / "mkdocs.yml"  # ships in the package


def config_file(root: Path) -> Path:
    """The MkDocs config a build of `root` uses: the plan's own mkdocs.yml, else the default."""
    own = root / "mkdocs.yml"
    if own.is_file():
        return own
    if DEFAULT_CONFIG.is_file():
        return DEFAULT_CONFIG
    raise FileNotFoundError(f"no mkdocs.yml in {root}, and the package's default site is missing ({DEFAULT_CONFIG})")


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
        return (
            f"{out} is the plan folder itself; building there would delete content/ and playbooks/. "
            f"Choose another site folder, such as {plan / 'site'}"
        )
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
        if has_marker(path) or _is_empty(path):
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot inspect {out}: {exc.strerror}"
    return (
        f"{out} holds files contentplan did not write (it has no {MARKER} file); "
        f"choose a new or empty folder, or delete {out} yourself"
    )


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


def has_marker(folder: Path) -> bool:
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


def write_marker(folder: Path) -> None:
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
    write_marker(staging)  # written at once, so a killed build's leftover is recognisably ours
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
        remove_ours(old)
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
            remove_ours(old)  # the swap finished; only its clean-up was cut short
        else:
            os.rename(old, out)  # killed between the two renames: the old site goes back
    prefix = f".{out.name}{_STAGING}"
    with os.scandir(out.parent) as entries:
        leftovers = [Path(e.path) for e in entries if e.name.startswith(prefix)]
    for folder in leftovers:
        remove_ours(folder)


def _is_ours(folder: Path) -> bool:
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        return has_marker(folder) or _is_empty(folder)
    except OSError:
        return False


def remove_ours(folder: Path) -> None:
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
        return syscall(
            ctypes.c_long(number),
            ctypes.c_int(olddirfd),
            ctypes.c_char_p(old),
            ctypes.c_int(newdirfd),
            ctypes.c_char_p(new),
            ctypes.c_uint(flags),
        )

    return call

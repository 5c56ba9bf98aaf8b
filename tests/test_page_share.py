"""generator/page_share.py: `contentplan build` converts a share of the pages in a forked copy;
the site and the log are those of a build in one process."""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

from generator import page_share
from tests.support import PROJECT, run_subprocess

EPOCH = {"SOURCE_DATE_EPOCH": "1796083200"}
SHARED = re.compile(r"contentplan: (\d+) of (\d+) pages are converted in a second process")


def _shipped(dest: Path) -> Path:
    for part in ("content", "playbooks"):
        shutil.copytree(PROJECT / part, dest / part)
    # a link in a note to no page: MkDocs says so while converting the last days' pages, which
    # the copy converts; the line must reach this process's log (--strict counts warnings there)
    calendar = dest / "content" / "calendar" / "2027-01.yml"
    text = calendar.read_text(encoding="utf-8")
    assert "note: 每次换一张自己拍的配图" in text
    calendar.write_text(
        text.replace("note: 每次换一张自己拍的配图", "note: 见 [旧图](old-pictures.md) 每次换一张自己拍的配图"), "utf-8"
    )
    return dest


def _build(root: Path, out: Path, workers: int):
    return run_subprocess(
        "build", "--root", str(root), "--site-dir", str(out), env={**EPOCH, "CONTENTPLAN_WORKERS": str(workers)}
    )


def _lines(log: str) -> list[str]:
    """The log without what differs from run to run (the staging folder, the time taken)."""
    out = []
    for line in log.splitlines():
        if "Building documentation to directory" in line or "Documentation built in" in line or SHARED.search(line):
            continue
        out.append(line.replace("site-2", "site-1"))
    return out


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))


def test_two_processes_build_the_site_one_builds(tmp_path):
    root = _shipped(tmp_path / "plan")
    one, two = _build(root, tmp_path / "site-1", 1), _build(root, tmp_path / "site-2", 2)
    assert one.status == 0 and two.status == 0, one.err + two.err
    assert not SHARED.search(one.err)
    shared = SHARED.search(two.err)
    assert shared is not None, two.err
    assert 0 < int(shared.group(1)) < int(shared.group(2))
    files = _files(tmp_path / "site-1")
    assert files == _files(tmp_path / "site-2")
    different = [
        f
        for f in files
        if (tmp_path / "site-1" / f).is_file()
        and not filecmp.cmp(tmp_path / "site-1" / f, tmp_path / "site-2" / f, shallow=False)
    ]
    assert different == []
    assert "old-pictures.md" in one.err  # the copy's page said it; so does this process
    assert _lines(one.err) == _lines(two.err)


def test_a_small_site_is_built_in_one_process(make_plan, tmp_path):
    root = make_plan()
    result = _build(root, tmp_path / "site", 2)
    assert result.status == 0, result.err
    assert not SHARED.search(result.err)  # fewer than MIN_PAGES pages: the fork would cost more


def test_the_copys_share_is_the_last_pages_by_size(monkeypatch):
    class File:
        def __init__(self, name: str, size: int) -> None:
            self.src_uri, self.content_bytes, self.page = name, b"x" * size, None

    class Files:
        def __init__(self, files) -> None:
            self.files = files

        def documentation_pages(self, inclusion=None):
            return self.files

    started = []
    docs = [File(f"p{i}.md", 100) for i in range(page_share.MIN_PAGES)]
    share = page_share.PageShare(None, None)  # type: ignore[arg-type]
    monkeypatch.setattr(page_share.parallel, "beside", lambda work: started.append(work) or (lambda: None))
    monkeypatch.setattr(page_share.parallel, "cores", lambda: 2)
    assert share.start(None, Files(docs))
    theirs = sorted(share._theirs, key=lambda name: int(name[1:-3]))
    assert len(started) == 1
    assert len(theirs) == int(page_share.MIN_PAGES * page_share.SHARE)
    assert theirs[-1] == f"p{page_share.MIN_PAGES - 1}.md" and len(started) == 1


def test_a_failed_build_waits_for_the_copy_once(monkeypatch):
    """on_build_error: the copy is waited for (its pipe read), never left running."""

    class File:
        def __init__(self, name: str) -> None:
            self.src_uri, self.content_bytes, self.page = name, b"x" * 10, None

    class Files:
        def documentation_pages(self, inclusion=None):
            return [File(f"p{i}.md") for i in range(page_share.MIN_PAGES)]

    waited = []
    monkeypatch.setattr(page_share.parallel, "beside", lambda work: lambda: waited.append(1))
    monkeypatch.setattr(page_share.parallel, "cores", lambda: 2)
    share = page_share.PageShare(None, None)  # type: ignore[arg-type]
    assert share.start(None, Files())
    share.close()
    share.close()
    assert waited == [1]


def test_the_build_says_so_in_the_plan_s_language(tmp_path):
    root = _shipped(tmp_path / "plan")
    env = {**EPOCH, "CONTENTPLAN_WORKERS": "2", "CONTENTPLAN_LANG": "zh"}
    result = run_subprocess("build", "--root", str(root), "--site-dir", str(tmp_path / "site"), env=env)
    assert result.status == 0, result.err
    assert re.search(r"contentplan：\d+ 个页面中的 \d+ 个由第二个进程转换", result.err), result.err

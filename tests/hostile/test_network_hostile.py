"""A hostile network: a fork's pull request may lay anything over network.yml, library/ and
members/. Nothing is read outside the network's folder, nothing through a link, no traceback."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support import NETWORK


@pytest.fixture
def root(tmp_path):
    copy = tmp_path / "net"
    shutil.copytree(NETWORK, copy)
    return copy


def _check(run_cli, root):
    result = run_cli("check", "--root", str(root), "--lang", "en", "--format", "json")
    assert "Traceback" not in result.err
    return result


def test_a_member_folder_that_is_a_link_is_not_read(root, tmp_path, run_cli):
    outside = tmp_path / "secret"
    shutil.copytree(root / "members" / "west", outside)
    (outside / "content" / "calendar" / "2026-12.yml").write_text("posts: [SECRET-TEXT]\n", encoding="utf-8")
    shutil.rmtree(root / "members" / "west")
    os.symlink(outside, root / "members" / "west")
    result = _check(run_cli, root)
    assert result.status == 1 and "outside-root" in result.out and "SECRET-TEXT" not in result.out + result.err


def test_a_library_that_is_a_link_is_not_read(root, tmp_path, run_cli):
    shutil.move(root / "library", tmp_path / "elsewhere")
    os.symlink(tmp_path / "elsewhere", root / "library")
    result = _check(run_cli, root)
    assert result.status == 1 and "outside-root" in result.out


@pytest.mark.parametrize("member_id", ["../../etc", "a/b", "UPPER", "index", "x" * 300, "", "null"])
def test_a_member_id_that_is_no_folder_name_is_refused(root, run_cli, member_id):
    (root / "network.yml").write_text(f"title: t\nmembers:\n  - {{id: '{member_id}', name: x}}\n", encoding="utf-8")
    result = _check(run_cli, root)
    assert result.status == 1 and ("bad-value" in result.out or "missing-field" in result.out)


@pytest.mark.parametrize(
    "text",
    ["", "[1, 2]\n", "title: t\nmembers: 3\n", "title: t\nmembers:\n  - 1\n  - [x]\n", "\x00\x01", ": : :\n", "title: t\n" * 3],
)
def test_a_broken_network_yml_is_a_problem_not_a_crash(root, run_cli, text):
    (root / "network.yml").write_text(text, encoding="utf-8")
    result = _check(run_cli, root)
    assert result.status in (1, 2) and result.out.strip() != "[]"


def test_a_huge_list_of_members_is_bounded(root, run_cli):
    lines = "".join(f"  - {{id: m{i}, name: x}}\n" for i in range(2_500))
    (root / "network.yml").write_text("title: t\nmembers:\n" + lines, encoding="utf-8")
    result = _check(run_cli, root)
    assert result.status == 1 and "more than 2000 members" in result.out


def test_a_build_of_a_hostile_network_never_writes_outside_its_site(root, tmp_path, run_cli):
    (root / "network.yml").write_text(
        "title: '<script>x</script>'\nmembers:\n  - {id: east, name: '| <b>x</b> |'}\n", encoding="utf-8"
    )
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    out = tmp_path / "site"
    result = run_cli("build", "--root", str(root), "--site-dir", str(out))
    assert "Traceback" not in result.err
    after = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if not p.is_relative_to(out))
    assert after == before
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in page and "<b>x</b>" not in page

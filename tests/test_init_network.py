"""init_network.py: `contentplan init --network` writes a network that checks clean, with the
network's workflow, and refuses member ids that are no folder names."""

from __future__ import annotations

import yaml

from tests.support import PROJECT

NETWORK_WORKFLOW = PROJECT / "generator" / "init_files" / "contentplan-network.yml"


def test_init_writes_a_network_that_checks_clean_with_the_network_workflow(tmp_path, run_cli):
    folder = tmp_path / "brand"
    result = run_cli("init", str(folder), "--network", "--members", "nanjing,suzhou", "--start", "2026-12-07")
    assert result.status == 0, result.err
    assert (folder / ".github" / "workflows" / "contentplan.yml").read_text(encoding="utf-8") == NETWORK_WORKFLOW.read_text(
        encoding="utf-8"
    )
    network = yaml.safe_load((folder / "network.yml").read_text(encoding="utf-8"))
    assert [m["id"] for m in network["members"]] == ["nanjing", "suzhou"]
    checked = run_cli("check", "--root", str(folder), "--lang", "en")
    assert checked.status == 0 and checked.out == "", checked.out + checked.err
    assert "a network of 2 members" in checked.err
    for bad in ("Nanjing", "a,a", ""):
        assert run_cli("init", str(tmp_path / "other"), "--network", "--members", bad).status == 2
    assert not (tmp_path / "other").exists()

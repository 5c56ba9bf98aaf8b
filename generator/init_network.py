"""`contentplan init --network`: a new repository for a brand's network (network.py).

The files of a new plan (init.plan_files), laid out as a network: the plan's settings and
playbooks become headquarters' library; its channels, people and sample week become each
member's plan, with a value for the library's {{shop}}; and the network's workflow
(init_files/contentplan-network.yml: a matrix of build jobs, the assembling job, the plan diff
per member) replaces the single plan's.
"""

from __future__ import annotations

from datetime import date

import yaml

from .init import FILES, InitError, plan_files, yaml_str
from .model import is_slug

DEFAULT_MEMBERS = ("store-1", "store-2")
MAX_MEMBERS = 50  # init writes a start; more members are a line each in network.yml


def network_files(
    title: str,
    kinds: tuple[str, ...],
    start: date,
    requirement: str | None = None,
    wheel: tuple[str, bytes] | None = None,
    members: tuple[str, ...] = DEFAULT_MEMBERS,
) -> dict[str, str | bytes]:
    """Every file of the new network repository: path → text (or bytes, the wheel)."""
    if not members or len(members) > MAX_MEMBERS or len(set(members)) != len(members):
        raise InitError(f"--members: give 1 to {MAX_MEMBERS} different member ids, comma-separated")
    bad = [m for m in members if not is_slug(m) or m == "index"]
    if bad:
        raise InitError(f"--members: '{bad[0][:64]}' is not an id (lowercase letters, digits, '-'); nothing was written")
    plan = plan_files(title, kinds, start, requirement, wheel)
    out: dict[str, str | bytes] = {}
    site = str(plan.pop("content/site.yml"))
    head, _sep, lists = site.partition("\nchannels:")
    library_site = [line for line in head.splitlines() if not line.startswith("# yaml-language-server")]
    out["library/content/site.yml"] = (
        "\n".join(library_site).replace(
            "# 计划设置：标题、时区、渠道和人员。Plan settings: title, time zone, channels, people.",
            "# 总部设置：整个网络的时区、语言和规则；渠道和人员写在每家成员自己的 site.yml 里。\n"
            "# Headquarters' settings for the whole network; channels and people are each member's.",
        )
        + "\n"
    )
    out["library/content/campaigns.yml"] = (
        "# 总部的全国活动：每家成员的日历里都会出现，成员可以写明理由退出（opt_out）。\n"
        "# National campaigns; library/content/calendar/ holds their schedule, by platform.\n[]\n"
    )
    calendars = {path: text for path, text in plan.items() if path.startswith("content/calendar/")}
    for path in calendars:
        del plan[path]
    for number, member in enumerate(members, start=1):
        name = f"成员 {number}"
        out[f"members/{member}/content/site.yml"] = (
            f"# {name}的计划：渠道、人员，和总部话术里要填的值。This member's channels, people and values.\n"
            f"title: {yaml_str(f'{title} · {name}')}\n\nchannels:{lists.rstrip()}\n\n"
            f"values:                     # 总部话术里的 {{{{占位符}}}}，由本成员填写\n  shop: {yaml_str(name)}\n"
        )
        for path, text in calendars.items():
            kept = [line for line in str(text).splitlines() if not line.startswith("# yaml-language-server")]
            out[f"members/{member}/{path}"] = "\n".join(kept) + "\n"
    for path, text in plan.items():
        if path.startswith("playbooks/"):
            kept = [line for line in str(text).splitlines() if not line.startswith("# yaml-language-server")]
            out[f"library/{path}"] = "\n".join(kept) + "\n"
        elif path == ".github/workflows/contentplan.yml":
            out[path] = (FILES / "contentplan-network.yml").read_text(encoding="utf-8")
        elif path == "README.md":
            out[path] = _readme(str(text), members)
        else:
            out[path] = text
    out["network.yml"] = (
        "# 品牌网络：总部内容库（library/）和成员（members/<id>/）。docs: contentplan 的 docs/network.md\n"
        f"title: {yaml_str(title)}\nmembers:\n"
        + "".join(f"  - {{id: {m}, name: {yaml_str(f'成员 {n}')}, kind: store}}\n" for n, m in enumerate(members, start=1))
    )
    for path, text in out.items():
        if path.endswith((".yml", ".yaml")):
            try:
                yaml.safe_load(str(text))
            except yaml.YAMLError as exc:  # pragma: no cover - a template bug
                raise InitError(f"internal error: {path} would not be valid YAML ({exc}); nothing was written") from None
    return out


def _readme(single: str, members: tuple[str, ...]) -> str:
    first, _sep, rest = single.partition("\n")
    return (
        f"{first}\n\n"
        "这是一个品牌网络：`library/` 是总部内容库（设置、全国活动、审过的话术本），"
        "`members/<id>/` 是每家经销商、门店自己的计划。A brand's network: headquarters' library, "
        "and one plan per member.\n\n"
        "```sh\n"
        "contentplan check                       # 检查整个网络 · the whole network\n"
        f"contentplan check --member {members[0]:<12} # 只查一家 · one member\n"
        f"contentplan serve --member {members[0]:<12} # 预览一家的站点 · preview one member's site\n"
        "contentplan build                       # 每家一个站点 + 总部总览 · every site and the overview\n"
        "```\n\n"
        "每次推送，自动流程只重建改动过的成员（改了总部内容库就全部重建），每个任务一组成员；"
        "有错误的成员只让自己所在的任务失败，网站上保留它上次的站点，总览页写明错误。\n"
        "CI rebuilds only the members whose inputs changed, a shard of members a job.\n"
        "\n---\n\n以下是单个计划的说明，对每家成员同样适用。The single plan's notes below apply to each member.\n"
        + rest.replace("`content/", "`members/<id>/content/").replace("`playbooks/`", "`library/playbooks/`")
    )

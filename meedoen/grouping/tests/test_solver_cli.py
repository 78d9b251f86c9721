"""`meedoen groups solve` prints valid JSON for an MDGPLIB file and for a CSV of people."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management.base import CommandError

from meedoen.grouping.management.commands.groups import Command

MDGP = Path(__file__).resolve().parents[3].parent / "shared" / "benchmarks" / "mdgp"


def run(*argv: str) -> tuple[dict[str, Any], str]:
    """Parse argv as the command line would and run the command's handler."""
    out = io.StringIO()
    command = Command(stdout=out, stderr=io.StringIO())
    options = command.create_parser("meedoen", "groups").parse_args(list(argv))
    try:
        command.handle(**vars(options))
    finally:
        text = out.getvalue()
    return json.loads(text), text


def _people(tmp_path: Path) -> Path:
    rows = ["id,wijk,leeftijd,taal,gespreksleider,rolstoel,tevreden"]
    wijken = ["Noord", "Zuid", "Oost", "West"]
    leeftijden = ["<30", "30-60", "60+"]
    for i in range(24):
        taal = "ar" if i in (5, 9, 13) else "nl"
        rows.append(
            f"p{i},{wijken[i % 4]},{leeftijden[i % 3]},{taal},"
            f"{'ja' if i < 3 else ''},{'ja' if i == 7 else ''},{i % 5}"
        )
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest.mark.skipif(not MDGP.exists(), reason=f"MDGP benchmark data not found at {MDGP}")
def test_mdgp_file_gives_groups_in_header_order() -> None:
    path = MDGP / "mdgplib" / "RanInt" / "RanInt_n012_ds_01.txt"
    result, _ = run(
        "solve",
        "--mdgp",
        str(path),
        "--time-limit",
        "5",
        "--seed",
        "3",
        "--max-iterations",
        "300",
        "--json",
    )
    assert result["feasible"] is True
    assert result["objective"] == 1059  # the enumerated optimum
    head = path.read_text().split()
    m = int(head[1])
    bounds = [(int(head[3 + 2 * g]), int(head[4 + 2 * g])) for g in range(m)]
    assert len(result["groups"]) == m
    for (lo, hi), group in zip(bounds, result["groups"], strict=True):
        assert lo <= len(group) <= hi
    assert sorted(i for g in result["groups"] for i in g) == list(range(12))
    assert isinstance(result["elapsed_s"], float)


def test_csv_with_every_option(tmp_path: Path) -> None:
    people = _people(tmp_path)
    previous = tmp_path / "round1.csv"
    previous.write_text("id,tafel\n" + "".join(f"p{i},{i % 3 + 1}\n" for i in range(24)))
    result, _ = run(
        "solve",
        "--csv",
        str(people),
        "--tables",
        "3",
        "--mix",
        "wijk,leeftijd:2",
        "--balance",
        "tevreden",
        "--no-isolated",
        "taal",
        "--minority-except",
        "nl",
        "--together",
        "p20,p21",
        "--apart",
        "p10,p11",
        "--apart",
        "p15,p16",
        "--facilitator-col",
        "gespreksleider",
        "--accessible-tables",
        "2",
        "--needs-accessible",
        "rolstoel",
        "--previous",
        str(previous),
        "--time-limit",
        "5",
        "--max-iterations",
        "200",
        "--json",
    )
    assert result["feasible"] is True
    assert result["violations"] == []
    groups = result["groups"]
    assert len(groups) == 3
    assert sorted(p for g in groups for p in g) == sorted(f"p{i}" for i in range(24))
    table_of = {p: t for t, g in enumerate(groups) for p in g}
    assert table_of["p20"] == table_of["p21"]
    assert table_of["p10"] != table_of["p11"]
    assert table_of["p7"] == 1  # accessible table 2, 0-based 1
    assert sorted(table_of[f"p{i}"] for i in range(3)) == [0, 1, 2]
    assert result["bound_gap"] >= 0
    assert result["isolated"] == []
    assert all(len(pair) == 2 for pair in result["repeat_pairs"])
    assert set(result["reasons"]) == {f"p{i}" for i in range(24)}
    assert "accessible table" in result["reasons"]["p7"]
    assert "sits with p21" in result["reasons"]["p20"]


def test_csv_mix_reaches_the_bound(tmp_path: Path) -> None:
    result, _ = run(
        "solve",
        "--csv",
        str(_people(tmp_path)),
        "--tables",
        "3",
        "--mix",
        "wijk,leeftijd",
        "--time-limit",
        "5",
        "--max-iterations",
        "200",
        "--seed",
        "2",
        "--json",
    )
    assert result["bound_gap"] == 0
    assert "repeat_pairs" not in result


def test_impossible_csv_prints_the_reason_and_fails(tmp_path: Path) -> None:
    people = _people(tmp_path)
    out = io.StringIO()
    command = Command(stdout=out, stderr=io.StringIO())
    options = command.create_parser("meedoen", "groups").parse_args(
        [
            "solve",
            "--csv",
            str(people),
            "--tables",
            "4",
            "--mix",
            "wijk",
            "--facilitator-col",
            "gespreksleider",
            "--time-limit",
            "1",
            "--json",
        ]
    )
    with pytest.raises(CommandError):
        command.handle(**vars(options))
    result = json.loads(out.getvalue())
    assert result["feasible"] is False
    assert [p["code"] for p in result["problems"]] == ["too_few_facilitators"]
    assert "only 3 facilitators" in result["problems"][0]["message"]


def test_unknown_column_is_named(tmp_path: Path) -> None:
    people = _people(tmp_path)
    with pytest.raises(CommandError, match="Column 'leeftyd'"):
        run(
            "solve",
            "--csv",
            str(people),
            "--tables",
            "3",
            "--mix",
            "leeftyd",
            "--time-limit",
            "1",
            "--json",
        )


def test_call_command_when_the_app_is_installed() -> None:
    from django.conf import settings

    if not settings.configured:
        pytest.skip("Django settings are not configured")
    from django.core.management import call_command, get_commands

    if "groups" not in get_commands():
        pytest.skip("the grouping app is not in INSTALLED_APPS yet")
    path = MDGP / "mdgplib" / "Geo" / "Geo_n010_ss_01.txt"
    if not path.exists():
        pytest.skip(f"MDGP benchmark data not found at {MDGP}")
    out = io.StringIO()
    call_command(
        "groups",
        "solve",
        "--mdgp",
        str(path),
        "--time-limit",
        "5",
        "--max-iterations",
        "200",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["objective"] == pytest.approx(3660.67, abs=0.01)

"""`meedoen groups solve`: divide people into groups from an MDGPLIB file or a CSV of people.

A thin adapter: it parses arguments, calls `meedoen.grouping.solver.cli`, and prints JSON.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from meedoen.grouping.solver import InfeasibleProblem, MdgpFormatError
from meedoen.grouping.solver.cli import (
    PeopleRequest,
    infeasible_json,
    parse_mix,
    solve_mdgp_file,
    solve_people,
)


def _ids(value: str) -> list[str]:
    ids = [v.strip() for v in value.split(",") if v.strip()]
    if len(ids) < 2:
        raise argparse.ArgumentTypeError("give at least two ids separated by commas")
    return ids


def _tables(value: str) -> list[int]:
    try:
        return [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("give table numbers such as 1,3") from None


class Command(BaseCommand):
    help = "Group division (maximally diverse grouping with the rules of a meeting)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        solve = sub.add_parser("solve", help="Divide people into groups and print the result.")
        source = solve.add_mutually_exclusive_group(required=True)
        source.add_argument("--mdgp", metavar="FILE", help="an MDGPLIB instance file")
        source.add_argument("--csv", metavar="FILE", help="people; first column is the id")
        solve.add_argument("--time-limit", type=float, required=True, metavar="SECONDS")
        solve.add_argument("--seed", type=int, default=0)
        solve.add_argument("--max-iterations", type=int, default=None)
        solve.add_argument("--json", action="store_true", help="print JSON (the only output)")
        solve.add_argument("--tables", type=int, help="number of tables (with --csv)")
        solve.add_argument("--mix", default="", help="columns to mix: col[:weight],…")
        solve.add_argument("--balance", help="numeric column whose group means stay even")
        solve.add_argument("--no-isolated", metavar="COL", help="language column")
        solve.add_argument(
            "--minority-except", default="", help="majority value(s) of the language column"
        )
        solve.add_argument("--together", type=_ids, action="append", default=[])
        solve.add_argument("--apart", type=_ids, action="append", default=[])
        solve.add_argument("--facilitator-col", metavar="COL")
        solve.add_argument("--accessible-tables", type=_tables, default=[])
        solve.add_argument("--needs-accessible", metavar="COL")
        solve.add_argument("--fixed-col", metavar="COL", help="column with a fixed table number")
        solve.add_argument("--previous", action="append", default=[], metavar="FILE")
        solve.add_argument(
            "--no-repeats", action="store_true", help="forbid (not just avoid) repeat encounters"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = run_solve(options)
        except InfeasibleProblem as exc:
            if options.get("json"):
                self.stdout.write(json.dumps(infeasible_json(exc), ensure_ascii=False))
            raise CommandError(str(exc), returncode=2) from exc
        except (MdgpFormatError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if options.get("json"):
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        for k, group in enumerate(result["groups"], start=1):
            self.stdout.write(f"{k}: {', '.join(str(p) for p in group)}")
        self.stdout.write(f"objective {result['objective']}, {result['elapsed_s']} s")


def run_solve(options: dict[str, Any]) -> dict[str, Any]:
    """The command's core: options as argparse gives them -> the JSON-ready result."""
    if options.get("mdgp"):
        return solve_mdgp_file(
            options["mdgp"],
            time_limit=options["time_limit"],
            seed=options["seed"],
            max_iterations=options.get("max_iterations"),
        )
    if not options.get("tables"):
        raise CommandError("--csv needs --tables")
    request = PeopleRequest(
        csv_path=options["csv"],
        tables=options["tables"],
        mix=parse_mix(options.get("mix") or ""),
        balance=options.get("balance"),
        no_isolated=options.get("no_isolated"),
        minority_except=[v for v in (options.get("minority_except") or "").split(",") if v],
        together=options.get("together") or [],
        apart=options.get("apart") or [],
        facilitator_col=options.get("facilitator_col"),
        accessible_tables=options.get("accessible_tables") or [],
        needs_accessible=options.get("needs_accessible"),
        fixed_col=options.get("fixed_col"),
        previous=options.get("previous") or [],
        no_repeats=bool(options.get("no_repeats")),
        time_limit=options["time_limit"],
        seed=options["seed"],
        max_iterations=options.get("max_iterations"),
    )
    return solve_people(request)

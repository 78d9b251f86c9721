"""Benchmark of the group-division solver (issue 8). Not part of CI.

1. MDGPLIB instances from ../shared/benchmarks/mdgp/ (n = 120 all, 240 and 480 where present;
   ss and ds) at TPSDP's budgets (3 s for n=120, 20 s for n=240, 120 s for n=480): objective
   per instance, gap to the best-known value (TPSDP's best, bestknown.csv) in %, and summaries
   per set and per set x size x type, next to TPSDP's own average gap.
2. Realistic meetings generated here (seeded; n = 100, 250, 500; tables of 8; 4 categorical
   attributes; one facilitator per table; about 5 % wheelchair users with accessible tables;
   minority languages; parties and keep-apart pairs; a second round): bound gap, violations,
   isolated speakers, avoidable repeats in round 2, seconds.

    python bench/groups.py            # full run (about 21 minutes of budgets)
    python bench/groups.py --quick    # n = 120 only (about 3 minutes)

The last line of the output is JSON with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from meedoen.grouping.solver import CategoricalAttribute, Problem, solve  # noqa: E402
from meedoen.grouping.solver.cli import solve_mdgp_file  # noqa: E402
from meedoen.grouping.solver.objective import spread_bound  # noqa: E402
from meedoen.grouping.solver.people import mismatch_distance  # noqa: E402

MDGP = REPO.parent / "shared" / "benchmarks" / "mdgp"
BUDGET = {120: 3.0, 240: 20.0, 480: 120.0}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def mdgp_instances(sizes: tuple[int, ...]) -> list[tuple[str, Path, float, float]]:
    """(name, file, best known, TPSDP average) for every instance file present."""
    tpsdp = {r["instance"]: float(r["avg"]) for r in _read_csv(MDGP / "tpsdp_results.csv")}
    out = []
    for row in _read_csv(MDGP / "bestknown.csv"):
        name, n = row["instance"], int(row["n"])
        path = MDGP / "mdgplib" / name.split("_")[0] / f"{name}.txt"
        if n in sizes and path.exists():
            out.append((name, path, float(row["best_known"]), tpsdp.get(name, float("nan"))))
    return out


def run_mdgp(sizes: tuple[int, ...], seed: int) -> list[dict[str, Any]]:
    rows = []
    instances = mdgp_instances(sizes)
    print(f"# MDGPLIB: {len(instances)} instances, budgets {BUDGET} s, seed {seed}")
    print(
        f"{'instance':<22} {'objective':>14} {'best known':>14} {'gap %':>8} "
        f"{'TPSDP avg gap %':>16}"
    )
    for name, path, best, avg in instances:
        n = int(name.split("_")[1][1:])
        result = solve_mdgp_file(path, time_limit=BUDGET[n], seed=seed)
        gap = 100.0 * (best - result["objective"]) / best
        tpsdp_gap = 100.0 * (best - avg) / best
        rows.append(
            {
                "instance": name,
                "set": name.split("_")[0],
                "n": n,
                "type": name.split("_")[2],
                "objective": result["objective"],
                "best_known": best,
                "gap_pct": gap,
                "tpsdp_avg_gap_pct": tpsdp_gap,
                "feasible": result["feasible"],
                "iterations": result["iterations"],
                "elapsed_s": result["elapsed_s"],
            }
        )
        flag = "" if result["feasible"] else "  INFEASIBLE"
        print(
            f"{name:<22} {result['objective']:>14.3f} {best:>14.3f} {gap:>8.3f} "
            f"{tpsdp_gap:>16.3f}{flag}",
            flush=True,
        )
    return rows


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_set: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_cell: dict[tuple[str, int, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_set[r["set"]].append(r)
        by_cell[(r["set"], r["n"], r["type"])].append(r)

    def stats(rs: list[dict[str, Any]]) -> dict[str, float]:
        gaps = [r["gap_pct"] for r in rs]
        return {
            "count": len(rs),
            "mean_gap_pct": statistics.fmean(gaps),
            "max_gap_pct": max(gaps),
            "min_gap_pct": min(gaps),
            "tpsdp_avg_gap_pct": statistics.fmean(r["tpsdp_avg_gap_pct"] for r in rs),
        }

    target = {"RanReal": 0.3, "RanInt": 0.3, "Geo": 0.1}
    print("\n# Summary per set (mean over all sizes run)")
    print(
        f"{'set':<8} {'count':>5} {'mean gap %':>11} {'min':>8} {'max':>8} {'TPSDP avg':>10} target"
    )
    per_set = {}
    for name in ("RanReal", "RanInt", "Geo"):
        if name not in by_set:
            continue
        s = stats(by_set[name])
        per_set[name] = s
        ok = "met" if s["mean_gap_pct"] <= target[name] else "MISSED"
        print(
            f"{name:<8} {s['count']:>5} {s['mean_gap_pct']:>11.3f} {s['min_gap_pct']:>8.3f} "
            f"{s['max_gap_pct']:>8.3f} {s['tpsdp_avg_gap_pct']:>10.3f} <= {target[name]} {ok}"
        )
    print("\n# Summary per set x size x type")
    print(
        f"{'set':<8} {'n':>4} {'type':>4} {'count':>5} {'mean gap %':>11} {'max':>8} "
        f"{'TPSDP avg':>10}"
    )
    per_cell = {}
    for key in sorted(
        by_cell, key=lambda k: (("RanReal", "RanInt", "Geo").index(k[0]), k[1], k[2])
    ):
        s = stats(by_cell[key])
        per_cell[f"{key[0]}_n{key[1]}_{key[2]}"] = s
        print(
            f"{key[0]:<8} {key[1]:>4} {key[2]:>4} {s['count']:>5} {s['mean_gap_pct']:>11.3f} "
            f"{s['max_gap_pct']:>8.3f} {s['tpsdp_avg_gap_pct']:>10.3f}"
        )
    return {"per_set": per_set, "per_set_size_type": per_cell}


# ---- realistic meetings --------------------------------------------------------------------

ATTRIBUTES = {
    "wijk": (["Noord", "Zuid", "Oost", "West", "Centrum", "Haven"], [30, 22, 18, 15, 10, 5]),
    "leeftijd": (["<25", "25-40", "40-65", "65+"], [12, 28, 38, 22]),
    "rol": (["bewoner", "ondernemer", "professional", "jongere"], [60, 15, 15, 10]),
    "woonvorm": (["huur", "koop", "sociaal"], [35, 40, 25]),
}
LANGUAGES = (["nl", "ar", "tr", "pl", "ti"], [88, 5, 4, 2, 1])


def _draw(rng: np.random.Generator, values: list[str], weights: list[int], n: int) -> list[str]:
    p = np.array(weights, dtype=float) / sum(weights)
    return [values[k] for k in rng.choice(len(values), size=n, p=p)]


def meeting(n: int, seed: int, table_size: int = 8) -> Problem:
    """A generated meeting: people, one facilitator per table, parties and needs."""
    rng = np.random.default_rng(seed)
    k = -(-n // table_size)
    attrs = tuple(
        CategoricalAttribute(name, tuple(_draw(rng, vals, w, n)))
        for name, (vals, w) in ATTRIBUTES.items()
    )
    language: list[str | None] = [None if v == "nl" else v for v in _draw(rng, *LANGUAGES, n)]
    facilitators = tuple(range(k))  # the first k people lead a table
    for f in facilitators:
        language[f] = None
    fac_langs = {f: frozenset({"ar"}) for f in facilitators[:2]} | {
        f: frozenset({"tr"}) for f in facilitators[2:3]
    }
    people = np.arange(k, n)
    wheelchair = tuple(int(i) for i in rng.choice(people, size=max(1, n // 20), replace=False))
    others = [int(i) for i in rng.permutation(np.setdiff1d(people, wheelchair))]
    n_parties = max(1, n // 40)
    together = [(others[2 * j], others[2 * j + 1]) for j in range(n_parties)]
    together.append((wheelchair[0], others[2 * n_parties]))  # a helper with the person they support
    rest = others[2 * n_parties + 1 :]
    apart = [(rest[2 * j], rest[2 * j + 1]) for j in range(max(1, n // 100))]
    accessible = tuple(range(0, k, 3))
    return Problem(
        distance=mismatch_distance(attrs, n),
        min_sizes=np.full(k, n // k, dtype=np.int64),
        max_sizes=np.full(k, -(-n // k), dtype=np.int64),
        together=tuple(together),
        apart=tuple(apart),
        needs_accessible=wheelchair,
        accessible_groups=accessible,
        facilitators=facilitators,
        language=tuple(language),
        facilitator_languages=fac_langs,
        attributes=attrs,
    )


def least_repeats(problem: Problem) -> int:
    """Pigeonhole bound on repeat pairs: each earlier group spread over the groups."""
    total = 0
    party_of = {i: min(t) for t in problem.together for i in t}
    for rnd in problem.previous_rounds:
        for g in set(rnd.tolist()) - {-1}:
            units = {party_of.get(int(i), int(i)) for i in np.flatnonzero(rnd == g)}
            t = len(units)
            total += (spread_bound(np.array([t]), problem.m) - t) // 2
    return total


def unavoidable_isolated(problem: Problem) -> int:
    """Speakers of a language nobody else at the meeting speaks (no facilitator either)."""
    if problem.language is None:
        return 0
    fac = set(problem.facilitators)
    spoken_by_facilitators = {
        lang for f in fac for lang in problem.facilitator_languages.get(f, frozenset())
    }
    counts: dict[str, int] = defaultdict(int)
    for i, v in enumerate(problem.language):
        if v is not None and i not in fac:
            counts[v] += 1
    return sum(1 for v, c in counts.items() if c == 1 and v not in spoken_by_facilitators)


def language_pairs(problem: Problem, pairs: tuple[tuple[int, int], ...]) -> int:
    """Repeat pairs of two speakers of the same minority language: kept together on purpose,
    because no isolated speaker ranks above no repeat encounter."""
    lang = problem.language or ()
    return sum(1 for a, b in pairs if lang and lang[a] is not None and lang[a] == lang[b])


def run_meetings(seed: int, time_limit: float) -> list[dict[str, Any]]:
    print(f"\n# Realistic meetings (tables of 8, time limit {time_limit} s per round, seed {seed})")
    print(
        f"{'n':>4} {'round':>5} {'tables':>6} {'bound gap':>9} {'violations':>10} "
        f"{'isolated':>8} {'unavoidable':>11} {'repeats':>7} {'same-lang':>9} "
        f"{'avoidable':>9} {'seconds':>7}"
    )
    rows = []
    for n in (100, 250, 500):
        problem = meeting(n, seed)
        previous: tuple[np.ndarray[Any, Any], ...] = ()
        for rnd in (1, 2):
            p = problem if rnd == 1 else _with_previous(problem, previous)
            t0 = time.perf_counter()
            sol = solve(p, seed=seed, time_limit=time_limit)
            seconds = time.perf_counter() - t0
            repeats = len(sol.repeat_pairs)
            same_lang = language_pairs(p, sol.repeat_pairs)
            avoidable = max(0, repeats - same_lang - least_repeats(p)) if rnd == 2 else 0
            forced_iso = unavoidable_isolated(p)
            row = {
                "n": n,
                "round": rnd,
                "tables": p.m,
                "bound_gap": sol.bound_gap,
                "violations": len(sol.violations),
                "isolated": len(sol.isolated),
                "unavoidable_isolated": forced_iso,
                "repeats": repeats,
                "same_language_repeats": same_lang,
                "avoidable_repeats": avoidable,
                "seconds": round(seconds, 3),
                "iterations": sol.iterations,
            }
            rows.append(row)
            print(
                f"{n:>4} {rnd:>5} {p.m:>6} {sol.bound_gap:>9.1f} {len(sol.violations):>10} "
                f"{len(sol.isolated):>8} {forced_iso:>11} {repeats:>7} {same_lang:>9} "
                f"{avoidable:>9} {seconds:>7.2f}",
                flush=True,
            )
            previous = (sol.assignment.astype(np.int64),)
    return rows


def _with_previous(problem: Problem, previous: tuple[np.ndarray[Any, Any], ...]) -> Problem:
    from dataclasses import replace

    return replace(problem, previous_rounds=previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="n = 120 only (about 3 minutes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-mdgp", action="store_true", help="skip the MDGPLIB part")
    parser.add_argument("--no-meetings", action="store_true", help="skip the realistic part")
    parser.add_argument(
        "--meeting-time", type=float, default=0.9, help="time limit per meeting round (s)"
    )
    args = parser.parse_args(argv)
    out: dict[str, Any] = {"seed": args.seed, "quick": args.quick}
    if not args.no_mdgp:
        if not MDGP.exists():
            print(f"MDGP data not found at {MDGP}", file=sys.stderr)
            return 2
        sizes = (120,) if args.quick else (120, 240, 480)
        rows = run_mdgp(sizes, args.seed)
        out["mdgp"] = rows
        out["summary"] = summarise(rows)
    if not args.no_meetings:
        out["meetings"] = run_meetings(args.seed, args.meeting_time)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

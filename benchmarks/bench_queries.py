"""Where a result command's time goes at scale: each named query's CPU time, shipped graph vs prepared store.

``bench_scale.py`` times each result command end to end; this runs the same commands (cold
``rolegraph`` command lines in fresh processes, ``--format json``) with the engine's ``select``
wrapped, and prints, per named query, how often it ran, its rows and its CPU time (the calling
thread's, so a background parse or open does not count) on the shipped graph alone and with
the ESCO-shaped data in a prepared store, medians of interleaved rounds. CPU time is steadier
than wall time on a loaded machine; the whole process's wall and CPU time are printed too.

    python benchmarks/bench_queries.py --esco /tmp/esco-1m/esco.ttl --keep /tmp/bench-cache --commands compare show
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_scale import COMMANDS

#: Run in the child: the command line, with every select timed by named query; the totals go to ``OUT`` as JSON.
CHILD = """
import json, resource, sys, time
started = time.perf_counter()
from rolegraph import queries
from rolegraph.engines import local
names = {q.text: n for n, q in queries.catalogue().items()}
seen = {}
select = local.LocalEngine.select
def timed(self, text, params, **kw):
    cpu = time.thread_time()
    rows = select(self, text, params, **kw)
    entry = seen.setdefault(names.get(text, "(other)"), [0, 0, 0.0])
    entry[0] += 1
    entry[1] += len(rows.rows)
    entry[2] += time.thread_time() - cpu
    return rows
local.LocalEngine.select = timed
from rolegraph.cli import command_line
sys.argv = ["rolegraph", *ARGS]
try:
    command_line()
except SystemExit as done:
    assert not done.code, done.code
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(OUT, "w") as out:
    json.dump({"queries": seen, "wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime}, out)
"""


def profile(args: list[str], env: dict[str, str], out: Path) -> dict[str, object]:
    """One cold process running ``rolegraph ARGS --format json``: its per-query counts, rows and CPU seconds."""
    code = f"ARGS = {[*args, '--format', 'json']!r}\nOUT = {str(out)!r}\n" + CHILD
    subprocess.run([sys.executable, "-c", code], env=env, check=True, stdout=subprocess.DEVNULL)
    report: dict[str, object] = json.loads(out.read_text())
    return report


def summary(runs: list[dict[str, object]]) -> dict[str, tuple[int, int, float]]:
    """Per query: calls and rows (of the first run) and the median CPU milliseconds over ``runs``."""
    first: dict[str, list[float]] = runs[0]["queries"]  # type: ignore[assignment]
    result = {}
    for name, (calls, rows, _) in first.items():
        cpu = [r["queries"].get(name, [0, 0, 0.0])[2] for r in runs]  # type: ignore[attr-defined]
        result[name] = (int(calls), int(rows), statistics.median(cpu) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, required=True, help="an ESCO-shaped Turtle file (gen_esco_synthetic.py)")
    parser.add_argument("--keep", type=Path, help="the folder whose cache holds its prepared store (as for bench_scale.py --keep)")
    parser.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), default=sorted(COMMANDS))
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rolegraph-bench-") as tmp:
        work = args.keep or Path(tmp)
        scale = {**os.environ, "ROLEGRAPH_CACHE_DIR": str(work / "cache"), "ROLEGRAPH_STORE": "prepared"}
        shipped = {k: v for k, v in scale.items() if k != "ROLEGRAPH_STORE"}
        out = Path(tmp) / "profile.json"
        for name in args.commands:
            command = COMMANDS[name]
            large_args = [*command, "--data", str(args.esco)]
            profile(command, shipped, out), profile(large_args, scale, out)  # warm the OS caches, build the store
            small, large = [], []
            for _ in range(args.rounds):
                small.append(profile(command, shipped, out))
                large.append(profile(large_args, scale, out))
            a, b = summary(small), summary(large)
            wall = [statistics.median(float(r[k]) for r in runs) * 1000 for runs in (small, large) for k in ("wall", "cpu")]  # type: ignore[arg-type]
            print(f"\n== {name}: process wall {wall[0]:.0f} -> {wall[2]:.0f} ms, CPU {wall[1]:.0f} -> {wall[3]:.0f} ms "
                  f"(shipped -> at scale, medians of {args.rounds})")
            print(f"  {'query':22} {'calls':>9} {'rows':>11} {'shipped ms':>10} {'scale ms':>9} {'extra ms':>9}")
            for query in sorted(a.keys() | b.keys(), key=lambda q: -(b.get(q, (0, 0, 0.0))[2] - a.get(q, (0, 0, 0.0))[2])):
                (ca, ra, ta), (cb, rb, tb) = a.get(query, (0, 0, 0.0)), b.get(query, (0, 0, 0.0))
                print(f"  {query:22} {ca:>4}/{cb:<4} {ra:>5}/{rb:<5} {ta:10.2f} {tb:9.2f} {tb - ta:+9.2f}")
            total = [sum(t for _, _, t in s.values()) for s in (a, b)]
            print(f"  {'all queries':22} {'':9} {'':11} {total[0]:10.2f} {total[1]:9.2f} {total[1] - total[0]:+9.2f}")


if __name__ == "__main__":
    main()

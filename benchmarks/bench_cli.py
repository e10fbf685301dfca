"""CLI start-up benchmark: a cold ``rolegraph compare`` process against the naive path.

Runs, interleaved, N rounds of three cold processes and compares their medians:

* ``python -c pass`` — the interpreter's own start-up;
* the installed command: ``rolegraph compare "Tech PM" "Technical Program Manager" --format json``
  (stdout to /dev/null);
* the naive path: a ``python -c`` script that imports rdflib, parses the shipped Turtle
  (``kb/ontology.ttl`` and ``data/roles.ttl``) and runs, through rdflib's ``Graph.query`` with
  ``initBindings``, the same named queries (``kb/queries/*.rq``) the compare command runs:
  ``role-names`` (role resolution), ``dimensions``, ``roles``, ``role-links`` for each role,
  ``gaps``, ``transitions``, ``disagreements``, ``statement-sources``, ``sources`` and
  ``attributions`` — each once.

Budget (issue 3): cli/naive ≤ 0.30 and cli/pass ≤ 11. Exits 1 if either is missed.

    python benchmarks/bench_cli.py              # 15 rounds
    python benchmarks/bench_cli.py --rounds 31
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("Tech PM", "Technical Program Manager")
MAX_VS_NAIVE = 0.30
MAX_VS_PASS = 11.0

NAIVE = r"""
import re, sys
from pathlib import Path
import rdflib

root = Path(sys.argv[1])
queries = root / "kb" / "queries"
graph = rdflib.Graph()
for path in (root / "kb" / "ontology.ttl", root / "data" / "roles.ttl"):
    graph.parse(path, format="turtle")

def run(name, **params):
    text = (queries / f"{name}.rq").read_text(encoding="utf-8")
    bindings = {k: rdflib.URIRef(v) for k, v in params.items()}
    return list(graph.query(text, initBindings=bindings))

def norm(s):
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()

names = run("role-names")
iris = []
for wanted in sys.argv[2:]:
    found = {str(r.role) for r in names if norm(str(r.name)) == norm(wanted)}
    assert len(found) == 1, (wanted, found)
    iris.append(found.pop())
rows = 0
for name in ("dimensions", "roles", "gaps", "transitions", "disagreements", "statement-sources", "sources", "attributions"):
    rows += len(run(name))
for iri in iris:
    rows += len(run("role-links", role=iri))
assert rows > 0
"""


def rolegraph_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m rolegraph``."""
    scripts = Path(sys.executable).parent
    for name in ("rolegraph", "rolegraph.exe"):
        if (scripts / name).is_file():
            return [str(scripts / name)]
    return [sys.executable, "-m", "rolegraph"]


def commands() -> dict[str, list[str]]:
    return {
        "pass": [sys.executable, "-c", "pass"],
        "cli": [*rolegraph_command(), "compare", *ROLES, "--format", "json"],
        "naive": [sys.executable, "-c", NAIVE, str(ROOT), *ROLES],
    }


def timed(argv: list[str]) -> float:
    """Wall-clock seconds for one cold process; fails loudly if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE")}
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {argv[:3]}…\n{done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    args = parser.parse_args()

    cmds = commands()
    for argv in cmds.values():  # warm the OS file cache and byte-code caches; not counted
        timed(argv)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(args.rounds):
        for name, argv in cmds.items():
            times[name].append(timed(argv))

    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"rolegraph CLI start-up, {args.rounds} interleaved rounds (medians, min–max)")
    for name, label in (("pass", "python -c pass"), ("cli", "rolegraph compare … --format json"), ("naive", "naive rdflib path")):
        ts = times[name]
        print(f"  {label:36} {med[name] * 1000:8.1f} ms   ({min(ts) * 1000:.1f}–{max(ts) * 1000:.1f})")
    vs_naive, vs_pass = med["cli"] / med["naive"], med["cli"] / med["pass"]
    ok_naive, ok_pass = vs_naive <= MAX_VS_NAIVE, vs_pass <= MAX_VS_PASS
    print(f"  cli / naive = {vs_naive:.3f}  (budget ≤ {MAX_VS_NAIVE:.2f})  {'PASS' if ok_naive else 'FAIL'}")
    print(f"  cli / pass  = {vs_pass:.2f}   (budget ≤ {MAX_VS_PASS:.0f})    {'PASS' if ok_pass else 'FAIL'}")
    return 0 if ok_naive and ok_pass else 1


if __name__ == "__main__":
    sys.exit(main())

"""CLI start-up benchmark: cold ``rolegraph`` processes against ``python -c pass`` and the naive path.

Runs, interleaved, N rounds of cold processes and compares their medians:

* ``python -c pass`` — the interpreter's own start-up (the baseline of every ratio);
* ``rolegraph compare "Tech PM" "Technical Program Manager" --format json`` (stdout to /dev/null);
* the same compare with the default rich view on a pseudo-terminal (``--pty``: the process's
  stdout is a pty whose output is read and dropped);
* every other result command with ``--format json`` (``--all``): show, separate, shared, path,
  neighbours, centrality, skills, fit, why, sources, disagreements, roles, ask, query; and
  ``python -c "import networkx"``, the floor of the graph commands (path, neighbours, centrality);
* the naive path: a ``python -c`` script that imports rdflib, parses the shipped Turtle
  (``kb/ontology.ttl`` and ``data/roles.ttl``) and runs, through rdflib's ``Graph.query`` with
  ``initBindings``, the same named queries (``kb/queries/*.rq``) the compare command runs:
  ``role-names`` (role resolution), ``dimensions``, ``roles``, ``role-links`` for each role,
  ``gaps``, ``transitions``, ``disagreements``, ``statement-sources``, ``sources`` and
  ``attributions`` — each once.

Targets (issue 13): compare json ≤ 6× pass, compare on a pty ≤ 8×, every other result command
≤ 10×; cli/naive ≤ 0.30. Printed, not asserted: the machine's load decides the noise.

``--baseline SRC`` also runs every command with ``PYTHONPATH=SRC`` (the ``src`` folder of another
checkout, e.g. ``git archive REV | tar -x -C /tmp/before``), interleaved with the current code in
every round, and prints both ratios: before and after measured under the same load.

    python benchmarks/bench_cli.py              # 15 rounds
    python benchmarks/bench_cli.py --rounds 31 --pty --all
    python benchmarks/bench_cli.py --rounds 9 --pty --all --baseline /tmp/before/src
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
#: Targets against ``python -c pass``: compare as JSON, compare on a terminal, any other result command.
TARGET_JSON, TARGET_PTY, TARGET_OTHER = 6.0, 8.0, 10.0
#: Runs that import no rolegraph code: timed once per round even with --baseline.
PLAIN_PYTHON = ("pass", "naive", "networkx")
OTHERS = {
    "show": ["show", "Tech PgM"],
    "separate": ["separate", "Tech PM", "Tech PgM"],
    "shared": ["shared", "Tech PM", "Tech PgM"],
    "path": ["path", "Software Engineer", "Tech PM"],
    "neighbours": ["neighbours", "Tech PgM"],
    "centrality": ["centrality"],
    "skills": ["skills"],
    "fit": ["fit", "-s", "coding=5", "-s", "product strategy=2"],
    "why": ["why", "Tech PgM", "team"],
    "sources": ["sources"],
    "disagreements": ["disagreements"],
    "roles": ["roles"],
    "ask": ["ask", "Which skills separate a Tech PM from a Technical Program Manager?"],
    "query": ["query", "skill-profile", "-p", "role=<https://w3id.org/rolegraph/id/role/technical-program-manager>"],
}

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


def commands(pty: bool, others: bool) -> dict[str, list[str]]:
    cli = rolegraph_command()
    found = {
        "pass": [sys.executable, "-c", "pass"],
        "cli": [*cli, "compare", *ROLES, "--format", "json"],
        "naive": [sys.executable, "-c", NAIVE, str(ROOT), *ROLES],
    }
    if pty:
        found["pty"] = ["pty", *cli, "compare", *ROLES]
    if others:
        found |= {name: [*cli, *args, "--format", "json"] for name, args in OTHERS.items()}
        found["networkx"] = [sys.executable, "-c", "import networkx"]  # the floor of path, neighbours and centrality
    return found


def timed(argv: list[str], path: str | None = None) -> float:
    """Wall-clock seconds for one cold process (a leading "pty": on a pseudo-terminal; ``path``: its PYTHONPATH); fails loudly if it fails."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPROFILEIMPORTTIME", "PYTHONDONTWRITEBYTECODE", "NO_COLOR", "PYTHONPATH")}
    if path:
        env["PYTHONPATH"] = path
    start = time.perf_counter()
    if argv[0] == "pty":
        code, err = on_pty(argv[1:], env)
    else:
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        code, err = done.returncode, done.stderr
    elapsed = time.perf_counter() - start
    if code != 0:
        sys.exit(f"command failed ({code}): {argv[:3]}…\n{err.decode(errors='replace')}")
    return elapsed


def interleaved(cmds: dict[str, list[str]], rounds: int, baseline: str | None = None) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Each command's times over ``rounds`` interleaved rounds (after one uncounted warm-up run each) and their medians;
    with a ``baseline`` source folder, each command also runs on it (as ``"<name> before"``), next to the current run."""
    paths = {"": None, **({" before": baseline} if baseline else {})}
    runs = {name: paths if name not in PLAIN_PYTHON else {"": None} for name in cmds}
    for name, argv in cmds.items():  # warm the OS file cache, byte code and any rolegraph cache; not counted
        for path in runs[name].values():
            timed(argv, path)
    times: dict[str, list[float]] = {name + suffix: [] for name in cmds for suffix in runs[name]}
    for number in range(rounds):
        for name, argv in cmds.items():
            order = list(runs[name].items()) if number % 2 == 0 else list(reversed(runs[name].items()))  # neither always runs first
            for suffix, path in order:
                times[name + suffix].append(timed(argv, path))
    return times, {name: statistics.median(ts) for name, ts in times.items()}


def on_pty(argv: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run ``argv`` with stdout on a pseudo-terminal (80 columns), reading and dropping what it prints."""
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE, env={**env, "COLUMNS": "100"})
        os.close(follower)
        while True:
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # the terminal is closed when the process ends
                break
        err = proc.stderr.read() if proc.stderr else b""
        return proc.wait(), err
    finally:
        os.close(leader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--pty", action="store_true", help="also the rich view on a pseudo-terminal")
    parser.add_argument("--all", action="store_true", help="also every other result command (--format json)")
    parser.add_argument("--baseline", metavar="SRC", help="also run each command with PYTHONPATH=SRC (another checkout's src), interleaved")
    args = parser.parse_args()

    cmds = commands(args.pty, args.all)
    times, med = interleaved(cmds, args.rounds, args.baseline)
    print(f"rolegraph CLI start-up, {args.rounds} interleaved rounds (medians, min–max, ratio to python -c pass)")
    labels = {"pass": "python -c pass", "cli": "compare … --format json", "pty": "compare … (rich view, pty)", "naive": "naive rdflib path",
              "networkx": "python -c 'import networkx' (floor)"}
    targets = {"cli": TARGET_JSON, "pty": TARGET_PTY, **dict.fromkeys(OTHERS, TARGET_OTHER)}
    for name, ts in times.items():
        command, _, before = name.partition(" ")  # "<command> before": the --baseline run
        ratio = med[name] / med["pass"]
        target = f"(target ≤ {targets[command]:.0f}×: {'met' if ratio <= targets[command] else 'missed'})" if command in targets else ""
        label = labels.get(command, command) + (" [baseline]" if before else "")
        print(f"  {label:36} {med[name] * 1000:8.1f} ms   ({min(ts) * 1000:.1f}–{max(ts) * 1000:.1f})  {ratio:6.2f}×  {target}")
    vs_naive = med["cli"] / med["naive"]
    print(f"  cli / naive = {vs_naive:.3f}  (target ≤ {MAX_VS_NAIVE:.2f}: {'met' if vs_naive <= MAX_VS_NAIVE else 'missed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

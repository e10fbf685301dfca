"""Scale benchmark: rolegraph on ESCO-shaped synthetic data (10k, 100k, 1M triples).

Every measurement runs in its own Python process (peak memory from
``resource.getrusage(...).ru_maxrss``); ratios are computed from numbers measured in this
run. Prints, per size:

* the result commands as a user runs them — cold ``rolegraph`` processes (compare, separate,
  shared, show, path, ask, why; ``--format json``) on the shipped graph alone and with the ESCO-shaped
  data in a prepared store, medians of interleaved rounds and their ratio (target <= 1.5x); every
  run's answer must be byte-identical to the others (the ESCO-shaped data changes no curated role);
* time to first answer — a cold ``rolegraph separate`` of two ESCO occupations on the built
  store, vs a process that parses the same Turtle with rdflib and runs the
  ``skill-differences`` named query (target >= 100x);
* the ``skill-differences`` named query bound by a ``VALUES`` block (as a remote endpoint gets
  it) on the built store, vs the library's answer from two role-bound ``skill-profile`` queries;
* indexing throughput — building the prepared store vs a raw pyoxigraph ``bulk_load``;
* peak memory — that ``separate`` process vs the rdflib process;
* endpoint overhead — ``EndpointEngine.select`` vs a bare HTTP POST of the same query text
  to the same ``oxigraph serve`` (medians of interleaved runs);
* validation — a cold ``rolegraph validate`` on the shipped graph against ``python -c pass``
  (target <= 20x) and with the ESCO-shaped file (target <= 60 s at 1M triples).

    python benchmarks/bench_scale.py                # 10k, 100k, 1M
    python benchmarks/bench_scale.py --sizes 10000  # quicker
    python benchmarks/bench_scale.py --sizes 1000000 --rounds 7 --skip-endpoint
    python benchmarks/bench_scale.py --esco /tmp/esco-1m/esco.ttl --keep /tmp/bench-cache --skip-rdflib
                                                    # reuse generated data and its store
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gen_esco_synthetic import generate, iri

from rolegraph import queries, resources

A, B = iri("occupation", 0), iri("occupation", 1)
PARAMS = {"a": A, "b": B}

PRELUDE = "import json, resource, sys, time\nt0 = time.perf_counter()\n"
REPORT = (
    "print(json.dumps({'seconds': time.perf_counter() - t0, 'rss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " **globals().get('EXTRA', {})}))\n"
)
SNIPPETS = {
    "rdflib": """
from rolegraph.engines.rdflib_engine import RdflibEngine
from rolegraph import queries
q = queries.get('skill-differences')
rows = RdflibEngine.from_files(FILES).select(q.text, q.coerce(PARAMS)).rows
assert rows
""",
    "index": """
from pathlib import Path
from rolegraph.engines.prepared import _target, prepared_path
EXTRA = {'reused': _target([Path(f) for f in FILES])[1].is_dir()}  # --keep: built by an earlier run, nothing to time
prepared_path(FILES)
""",
    "raw_bulk_load": """
import pyoxigraph as ox
from pathlib import Path
store = ox.Store(TARGET)
for f in FILES:
    store.bulk_load(path=f, format=ox.RdfFormat.TURTLE, base_iri=Path(f).resolve().as_uri())
store.flush()
""",
    "named": """
import statistics
from rolegraph import queries
from rolegraph.compare import skill_differences
from rolegraph.kb import KnowledgeBase, open_kb
engine = open_kb(FILES, include_packaged=False, prepared=True).engine
engine.kept = None  # time the queries, not their answers kept by an earlier run (LocalEngine._kept)
q = queries.get('skill-differences')
params = q.coerce({**PARAMS, 'threshold': 2})
named, library = [], []
for _ in range(5):
    start = time.perf_counter()
    rows = engine.select(q.text, params).records()
    named.append(time.perf_counter() - start)
    start = time.perf_counter()
    assert skill_differences(KnowledgeBase(engine, FILES), PARAMS['a'], PARAMS['b'], 2) == rows
    library.append(time.perf_counter() - start)
EXTRA = {'named': statistics.median(named), 'library': statistics.median(library)}
""",
    "command": """
from rolegraph.cli import command_line  # main() would end the process before the report
sys.argv = ['rolegraph', *ARGS]
try:
    command_line()
except SystemExit as exit:
    assert not exit.code, exit.code
""",
}

#: The result commands, as a user types them (each also runs with ``--data`` the ESCO-shaped file).
COMMANDS = {
    "compare": ["compare", "Tech PM", "Technical Program Manager"],
    "separate": ["separate", "Tech PM", "Tech PgM"],
    "shared": ["shared", "Tech PM", "Tech PgM"],
    "show": ["show", "Tech PgM"],
    "path": ["path", "Software Engineer", "Tech PM"],
    "ask": ["ask", "Which skills separate a Tech PM from a Technical Program Manager?"],
    "why": ["why", "Tech PgM", "team"],
}
#: The first answer on the built store: the ``separate`` of the two occupations the rdflib process compares.
FIRST = ["separate", "synthetic occupation 0", "synthetic occupation 1"]


def run(name: str, files: list[str], env: dict[str, str], **values: str) -> dict[str, float]:
    """Run one snippet in a fresh process; its own timing, peak memory and the process wall time."""
    code = PRELUDE + f"FILES = {files!r}\nPARAMS = {PARAMS!r}\n" + "".join(f"{k} = {v!r}\n" for k, v in values.items())
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code + SNIPPETS[name] + REPORT], env=env, check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def rolegraph_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m rolegraph``."""
    script = Path(sys.executable).parent / "rolegraph"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "rolegraph"]


def cli(args: list[str], env: dict[str, str], answers: set[bytes] | None = None) -> float:
    """Wall seconds of one cold ``rolegraph`` process (its JSON kept in ``answers``); fails loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run([*rolegraph_command(), *args, "--format", "json"], env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"rolegraph {' '.join(args)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    if answers is not None:
        answers.add(done.stdout)
    return elapsed


def commands_at_scale(esco: Path, env: dict[str, str], rounds: int, names: list[str]) -> dict[str, tuple[float, float, float]]:
    """Median wall seconds of each result command in ``names`` on the shipped graph and with ``esco`` (interleaved rounds),
    and the median of each round's ratio (the two runs of a round are back to back: steadier on a loaded machine)."""
    shipped = {k: v for k, v in env.items() if k != "ROLEGRAPH_STORE"}
    commands = {name: COMMANDS[name] for name in names}
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    answers: dict[str, set[bytes]] = {name: set() for name in commands}
    for name, args in commands.items():  # warm the OS caches and build the ask index; not counted
        cli(args, shipped, answers[name]), cli([*args, "--data", str(esco)], env, answers[name])
    for _ in range(rounds):
        for name, args in commands.items():
            times[name][0].append(cli(args, shipped, answers[name]))
            times[name][1].append(cli([*args, "--data", str(esco)], env, answers[name]))
    for name, seen in answers.items():  # the ESCO-shaped data touches no curated role: the same bytes, every run
        if len(seen) != 1:
            sys.exit(f"rolegraph {name}: {len(seen)} different answers on the shipped graph and at scale (expected one)")
    return {
        name: (statistics.median(small), statistics.median(large), statistics.median(b / a for a, b in zip(small, large, strict=True)))
        for name, (small, large) in times.items()
    }


def python_pass() -> float:
    """Median wall time of ``python -c pass``."""
    times = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def endpoint_overhead(files: list[str], work: Path, rounds: int = 40) -> tuple[float, float]:
    """Median seconds of EndpointEngine.select and of a bare POST of the same query text."""
    from rolegraph.engines.endpoint import EndpointEngine

    location = work / "server"
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    subprocess.run([oxigraph, "load", "--location", str(location), "--file", *files], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [oxigraph, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        else:
            sys.exit(f"oxigraph serve did not answer on {url}")
        query = queries.get("skill-differences")
        params = query.coerce(dict(PARAMS))
        body = queries.inject_values(query.text, params).encode()
        headers = {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}
        engine = EndpointEngine(url)

        def bare() -> None:
            with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as response:
                response.read()

        def ours() -> None:
            engine.select(query.text, params)

        start = time.perf_counter()
        ours(), bare()  # warm up the server's caches
        rounds = max(3, min(rounds, int(30 / (time.perf_counter() - start))))  # about a minute at most
        times: dict[str, list[float]] = {"ours": [], "bare": []}
        for _ in range(rounds):
            for name, call in (("ours", ours), ("bare", bare)):
                start = time.perf_counter()
                call()
                times[name].append(time.perf_counter() - start)
        return statistics.median(times["ours"]), statistics.median(times["bare"])
    finally:
        server.terminate()
        server.wait()


def validation(esco: Path, env: dict[str, str], rounds: int) -> tuple[float, float]:
    """Median seconds of a cold ``rolegraph validate`` on the shipped graph, and one run with ``esco``."""
    shipped = {k: v for k, v in env.items() if k != "ROLEGRAPH_STORE"}
    cli(["validate"], shipped)  # warm the OS caches; not counted
    small = statistics.median(cli(["validate"], shipped) for _ in range(rounds))
    return small, cli(["validate", str(esco)], shipped)


def bench(
    size: int, work: Path, rounds: int, endpoint: bool, esco_file: Path | None = None, rdflib_too: bool = True,
    commands: list[str] | None = None, validate: bool = True,
) -> tuple[dict[str, float], dict[str, tuple[float, float, float]]]:
    """All measurements for one size: single numbers, and each command's (shipped, at scale) medians."""
    esco = esco_file or generate(size, work / "data")
    files = [str(p) for p in resources.packaged_graph_paths()] + [str(esco)]
    env = {**os.environ, "ROLEGRAPH_CACHE_DIR": str(work / "cache"), "ROLEGRAPH_STORE": "prepared"}
    nan = {"wall": float("nan"), "rss_kib": float("nan"), "seconds": float("nan")}
    rdflib = run("rdflib", files, env) if rdflib_too else nan
    index = run("index", files, env)
    raw = run("raw_bulk_load", files, env, TARGET=str(work / "raw")) if rdflib_too else nan
    cli([*FIRST, "--data", str(esco)], env)  # the CLI's own store for these files, built once
    first = statistics.median(cli([*FIRST, "--data", str(esco)], env) for _ in range(3))
    memory = run("command", files, env, ARGS=[*FIRST, "--data", str(esco), "--format", "json"])
    named = run("named", files, env)
    scaled = commands_at_scale(esco, env, rounds, commands or list(COMMANDS))
    validate_small, validate_large = validation(esco, env, rounds) if validate else (float("nan"), float("nan"))
    ours, bare = endpoint_overhead(files, work) if endpoint else (float("nan"), float("nan"))
    return {
        "validate_s": validate_small,
        "validate_scale_s": validate_large,
        "rdflib_s": rdflib["wall"],
        "rdflib_rss": rdflib["rss_kib"],
        "index_s": index["seconds"],
        "index_reused": index["reused"],
        "raw_s": raw["seconds"],
        "prepared_s": first,
        "prepared_rss": memory["rss_kib"],
        "index_rss": index["rss_kib"],
        "endpoint_s": ours,
        "bare_s": bare,
        "named_s": named["named"],
        "library_s": named["library"],
    }, scaled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of the command timings (default 5)")
    parser.add_argument("--skip-endpoint", action="store_true", help="skip the endpoint measurement (needs oxigraph serve)")
    parser.add_argument("--skip-rdflib", action="store_true", help="skip the rdflib and raw bulk-load baselines (minutes at 1M)")
    parser.add_argument("--esco", type=Path, help="an ESCO-shaped Turtle file made earlier (gen_esco_synthetic.py) instead of --sizes")
    parser.add_argument("--commands", nargs="+", choices=sorted(COMMANDS), help="time only these result commands (default: all)")
    parser.add_argument("--skip-validate", action="store_true", help="skip the validate measurement (minutes at 1M)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (its prepared store and ask index are reused)")
    args = parser.parse_args()
    baseline = python_pass()
    print(f"python -c pass: {baseline * 1000:.1f} ms (for scale)")
    for size in [0] if args.esco else args.sizes:
        with tempfile.TemporaryDirectory(prefix="rolegraph-bench-") as tmp:
            work = args.keep or Path(tmp)
            work.mkdir(parents=True, exist_ok=True)
            m, scaled = bench(size, work, args.rounds, not args.skip_endpoint, args.esco, not args.skip_rdflib,
                              args.commands, not args.skip_validate)
        mib = 1024
        print(f"\n== {args.esco or f'{size:,} ESCO-shaped triples'} (+ shipped graph) ==")
        print(f"commands (cold CLI, --format json, medians of {args.rounds} interleaved rounds; target <= 1.5x):")
        for name, (small, large, paired) in scaled.items():
            print(f"  {name:9} shipped {small * 1000:7.0f} ms   at scale {large * 1000:7.0f} ms   -> {large / small:.2f}x"
                  f"   (median of each round's ratio {paired:.2f}x)")
        print(
            f"first answer:  `rolegraph separate` on the built store {m['prepared_s'] * 1000:.0f} ms "
            f"vs rdflib parse+query {m['rdflib_s']:.2f} s  -> {m['rdflib_s'] / m['prepared_s']:.1f}x faster (target >= 100x)"
        )
        print(
            f"named query:   skill-differences bound by VALUES (as an endpoint gets it) {m['named_s'] * 1000:.1f} ms vs the library's "
            f"two skill-profile queries {m['library_s'] * 1000:.1f} ms  ->  {m['named_s'] / m['library_s']:.2f}x (same rows)"
        )
        if m["index_reused"]:
            print(f"indexing:      not measured: the prepared store in {work} was reused (--keep); a fresh folder builds it")
        else:
            print(
                f"indexing:      prepared-store build {m['index_s']:.2f} s vs raw pyoxigraph bulk_load {m['raw_s']:.2f} s  ->  "
                f"throughput ratio {m['raw_s'] / m['index_s']:.2f} (target >= 0.8)"
            )
        print(
            f"peak memory:   prepared-store command {m['prepared_rss'] / mib:.0f} MiB (build {m['index_rss'] / mib:.0f} MiB) "
            f"vs rdflib {m['rdflib_rss'] / mib:.0f} MiB  ->  {m['prepared_rss'] / m['rdflib_rss']:.2f}x "
            f"(build {m['index_rss'] / m['rdflib_rss']:.2f}x; target <= 0.4x)"
        )
        print(
            f"validate:      shipped graph {m['validate_s'] * 1000:.0f} ms = {m['validate_s'] / baseline:.1f}x python -c pass (target <= 20x); "
            f"with the ESCO-shaped data {m['validate_scale_s']:.1f} s (target <= 60 s at 1M triples)"
        )
        print(
            f"endpoint:      EndpointEngine.select {m['endpoint_s'] * 1000:.2f} ms vs bare POST {m['bare_s'] * 1000:.2f} ms -> "
            f"{m['endpoint_s'] / m['bare_s']:.2f}x (target <= 1.2x)"
        )


if __name__ == "__main__":
    main()

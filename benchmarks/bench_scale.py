"""Scale benchmark: rolegraph on ESCO-shaped synthetic data (10k, 100k, 1M triples).

Every measurement runs in its own Python process (peak memory from
``resource.getrusage(...).ru_maxrss``); ratios are computed from numbers measured in this
run. Prints, per size:

* time to first answer — a cold process that opens the prepared store and computes the skill
  differences the way ``separate`` does, vs one that parses the same Turtle with rdflib and runs
  the ``skill-differences`` named query;
* indexing throughput — building the prepared store vs a raw pyoxigraph ``bulk_load``;
* peak memory — the prepared-store process vs the rdflib process;
* endpoint overhead — ``EndpointEngine.select`` vs a bare HTTP POST of the same query text
  to the same ``oxigraph serve`` (medians of interleaved runs).

    python benchmarks/bench_scale.py                # 10k, 100k, 1M
    python benchmarks/bench_scale.py --sizes 10000  # quicker
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
    "print(json.dumps({'seconds': time.perf_counter() - t0, 'rss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n"
)
SNIPPETS = {
    "rdflib": """
from rolegraph.rdflib_engine import RdflibEngine
from rolegraph import queries
q = queries.get('skill-differences')
rows = RdflibEngine.from_files(FILES).select(q.text, q.coerce(PARAMS)).rows
assert rows
""",
    "index": """
from rolegraph.store import prepared_path
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
    "prepared": """
from rolegraph.compare import skill_differences
from rolegraph.kb import open_kb
rows = skill_differences(open_kb(FILES, include_packaged=False, prepared=True), PARAMS['a'], PARAMS['b'], 2)
assert rows
""",
}


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
    from rolegraph.endpoint import EndpointEngine

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


def bench(size: int, work: Path) -> dict[str, float]:
    """All measurements for one size."""
    esco = generate(size, work / "data")
    files = [str(p) for p in resources.packaged_graph_paths()] + [str(esco)]
    env = {**os.environ, "ROLEGRAPH_CACHE_DIR": str(work / "cache")}
    rdflib = run("rdflib", files, env)
    index = run("index", files, env)
    raw = run("raw_bulk_load", files, env, TARGET=str(work / "raw"))
    first = run("prepared", files, env)
    ours, bare = endpoint_overhead(files, work)
    return {
        "rdflib_s": rdflib["wall"],
        "rdflib_rss": rdflib["rss_kib"],
        "index_s": index["seconds"],
        "raw_s": raw["seconds"],
        "prepared_s": first["wall"],
        "prepared_in_s": first["seconds"],
        "prepared_rss": first["rss_kib"],
        "index_rss": index["rss_kib"],
        "endpoint_s": ours,
        "bare_s": bare,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    baseline = python_pass()
    print(f"python -c pass: {baseline * 1000:.1f} ms (for scale)")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="rolegraph-bench-") as tmp:
            m = bench(size, Path(tmp))
        mib = 1024
        print(f"\n== {size:,} ESCO-shaped triples (+ shipped graph) ==")
        print(
            f"first answer:  prepared store {m['prepared_s'] * 1000:.0f} ms (in-process {m['prepared_in_s'] * 1000:.0f} ms) "
            f"vs rdflib parse+query {m['rdflib_s']:.2f} s  -> {m['rdflib_s'] / m['prepared_s']:.1f}x faster (target >= 100x)"
        )
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
            f"endpoint:      EndpointEngine.select {m['endpoint_s'] * 1000:.2f} ms vs bare POST {m['bare_s'] * 1000:.2f} ms -> "
            f"{m['endpoint_s'] / m['bare_s']:.2f}x (target <= 1.2x)"
        )


if __name__ == "__main__":
    main()

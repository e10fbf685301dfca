"""`ask` speed: a cold ``rolegraph ask … --format json`` against ``python -c pass``, and the index.

Runs, interleaved, N rounds of cold processes and compares their medians:

* ``python -c pass`` — the interpreter's own start-up;
* ``rolegraph ask QUESTION --format json`` (stdout to /dev/null), with the full-text index
  already in the cache directory (the usual case: it is built once per data version).

Then, in this process: how long the full-text index takes to build from the graph, to open
from the cache, and how long one question takes to parse and to answer (a short one and a
20 KB one). Budget (issue 10): ask/pass ≤ 12 and opening the index ≤ 5 ms. Exits 1 if
either is missed.

    python benchmarks/bench_ask.py              # 11 rounds
    python benchmarks/bench_ask.py --rounds 21
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cli import interleaved, rolegraph_command

QUESTION = "which skills separate a tech pm from a tech pgm?"
MAX_VS_PASS = 12.0
MAX_OPEN_MS = 5.0


def best_ms(fn: object, repeat: int = 5) -> float:
    """The fastest of ``repeat`` calls, in milliseconds."""
    assert callable(fn)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def in_process() -> dict[str, float]:
    import sqlite3

    from rolegraph.ask import ask, parse, retrieve
    from rolegraph.kb import open_kb

    kb = open_kb()
    built = best_ms(lambda: retrieve.build(kb), repeat=3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.sqlite"
        retrieve._save(retrieve.build(kb), path, "bench")

        def reopen() -> None:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            conn.execute("SELECT count(*) FROM docs").fetchone()
            conn.close()

        opened = best_ms(reopen)
    retrieve.index(kb)
    ask(kb, QUESTION)  # warm the per-knowledge-base caches (named queries, name index)
    huge = "which skills separate a tech pm from a tech pgm " * 400
    return {
        "index build": built,
        "index open (cached file)": opened,
        "parse (short question)": best_ms(lambda: parse(kb, QUESTION)),
        "ask (short question)": best_ms(lambda: ask(kb, QUESTION)),
        f"ask ({len(huge) // 1000} KB question)": best_ms(lambda: ask(kb, huge)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=11, help="interleaved rounds (default 11)")
    args = parser.parse_args()

    cmds = {"pass": [sys.executable, "-c", "pass"], "ask": [*rolegraph_command(), "ask", QUESTION, "--format", "json"]}
    times, med = interleaved(cmds, args.rounds)  # the warm-up run also fills the index cache
    print(f"rolegraph ask start-up, {args.rounds} interleaved rounds (medians, min–max)")
    for name, label in (("pass", "python -c pass"), ("ask", f"rolegraph ask {QUESTION!r} -f json")):
        ts = times[name]
        print(f"  {label:70} {med[name] * 1000:8.1f} ms   ({min(ts) * 1000:.1f}–{max(ts) * 1000:.1f})")
    ratio = med["ask"] / med["pass"]
    inner = in_process()
    print("in process (best of several):")
    for label, ms in inner.items():
        print(f"  {label:32} {ms:8.2f} ms")
    ok_ratio, ok_open = ratio <= MAX_VS_PASS, inner["index open (cached file)"] <= MAX_OPEN_MS
    print(f"  ask / pass  = {ratio:.2f}   (budget ≤ {MAX_VS_PASS:.0f})    {'PASS' if ok_ratio else 'FAIL'}")
    print(f"  index open  = {inner['index open (cached file)']:.2f} ms (budget ≤ {MAX_OPEN_MS:.0f} ms)  {'PASS' if ok_open else 'FAIL'}")
    return 0 if ok_ratio and ok_open else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Ordering never depends on hash order: the same command gives the same bytes under any PYTHONHASHSEED."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("args", [
    ["neighbours", "Tech PgM", "-f", "json"], ["neighbours", "EM", "-f", "mermaid"], ["neighbours", "Tech PM"],
    ["centrality", "-f", "csv"], ["compare", "Tech PM", "Tech PgM", "-f", "csv"], ["fit", "-s", "coding=5", "-f", "json"],
])
def test_same_bytes_under_any_hash_seed(args: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("ROLEGRAPH_ENDPOINT", "COLUMNS")}
    outputs = {subprocess.run([sys.executable, "-m", "rolegraph", *args], capture_output=True, env={**env, "PYTHONHASHSEED": seed},
                              check=True, timeout=300).stdout for seed in ("0", "1", "4242")}
    assert len(outputs) == 1 and outputs.pop()

"""benchmarks/ask_eval.py loaded as a module, for the tests that use its corpus runner."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

RUNNER = Path(__file__).resolve().parents[1] / "benchmarks" / "ask_eval.py"


def load_ask_eval() -> ModuleType:
    """The runner module (loaded once, as ``ask_eval``)."""
    if "ask_eval" in sys.modules:
        return sys.modules["ask_eval"]
    spec = importlib.util.spec_from_file_location("ask_eval", RUNNER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ask_eval"] = module
    spec.loader.exec_module(module)
    return module

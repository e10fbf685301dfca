"""Golden files: every format's export of one fixed small result, byte for byte.

Regenerate after an intended change with:  UPDATE_GOLDEN=1 python -m pytest tests/test_formats_golden.py
(xlsx is compared as a JSON dump of its sheets, so an openpyxl upgrade does not churn it).
"""

from __future__ import annotations

import io
import json
import os

import pytest
from exports_support import GOLDEN, TPGM, TPM, mini_kb, small_result

from rolegraph import formats
from rolegraph.results import Result


def golden_result() -> Result:
    result = small_result()
    result.meta["graph"] = {
        "nodes": [{"id": TPM, "label": "Technical Product Manager"}, {"id": TPGM, "label": "Technical Program Manager"}],
        "edges": [{"source": TPM, "target": TPGM, "prevalence": 1, "basis": "external"}],
        "directed": True,
    }
    return result


def exported(name: str) -> bytes:
    data = formats.render(golden_result(), name, kb=mini_kb())
    if name != "xlsx":
        return data
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheets = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    return (json.dumps(sheets, ensure_ascii=False, indent=1) + "\n").encode()


@pytest.mark.parametrize("fmt", formats.all_formats(), ids=lambda f: f.name)
def test_golden(fmt: formats.Format) -> None:
    path = GOLDEN / f"small.{fmt.extension}{'.json' if fmt.binary else ''}"
    data = exported(fmt.name)
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing {path}; run UPDATE_GOLDEN=1 python -m pytest {__file__}"
    assert data == path.read_bytes(), f"{fmt.name} export changed; if intended, run UPDATE_GOLDEN=1 python -m pytest {__file__}"

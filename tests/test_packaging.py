"""The built wheel carries the knowledge base, and works with no checkout around."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Any

import pytest

from rolegraph import queries

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], check=True, capture_output=True, timeout=600)
    return next(out.glob("rolegraph-*.whl"))


@pytest.mark.slow
def test_wheel_contains_ontology_shapes_queries_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("rolegraph/kb/ontology.ttl", "rolegraph/kb/shapes.ttl", "rolegraph/data/roles.ttl", "rolegraph/data/levels.ttl", "rolegraph/py.typed"):
        assert required in names
    shipped = {n.rsplit("/", 1)[-1][:-3] for n in names if n.startswith("rolegraph/kb/queries/") and n.endswith(".rq")}
    assert shipped == set(queries.catalogue())
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "rolegraph = rolegraph.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    # Dependencies come from the test environment (appended to sys.path, after the wheel's own copy).
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True,
                             text=True, check=True).stdout.strip()
    Path(purelib, "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], check=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    proc = subprocess.run([str(venv / "bin" / "rolegraph"), "validate", "-f", "csv"], cwd=work, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "roles,7" in proc.stdout

    def rolegraph_json(*args: str) -> dict[str, Any]:
        env = {k: v for k, v in os.environ.items() if k != "ROLEGRAPH_ENDPOINT"}
        done = subprocess.run([str(venv / "bin" / "rolegraph"), *args, "-f", "json"], cwd=work, capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    assert rolegraph_json("compare", "Tech PM", "Technical Program Manager")["title"] == "Technical Product Manager vs Technical Program Manager"
    asked = rolegraph_json("ask", "Who owns the what and the why?")
    assert asked["meta"]["interpretation"]["intent"] == "ownership"
    assert asked["meta"]["answer"] and all(item["sources"] for item in asked["meta"]["answer"])
    assert asked["meta"]["answer"][0]["text"] == "The Technical Product Manager owns the what."
    profile = rolegraph_json("query", "skill-profile", "-p", "role=<https://w3id.org/rolegraph/id/role/technical-product-manager>")
    table = profile["tables"][0]
    importance = [row[table["columns"].index("importance")] for row in table["rows"]]
    assert importance and importance == sorted(importance, reverse=True)
    assert "customer discovery and user research" in {row[table["columns"].index("label")] for row in table["rows"]}
    where = subprocess.run([str(py), "-c", "import rolegraph.resources as r; print(r.ontology_path())"], cwd=work, capture_output=True,
                           text=True, check=True)
    assert str(venv) in where.stdout, "the installed package uses its own copy of kb/, not the checkout"


@pytest.mark.slow
def test_plain_install_runs_every_format_chart_and_handbook(wheel: Path, tmp_path: Path) -> None:
    """T12: the wheel without the export extra. Every format, chart and the handbook either works or
    stops with one line naming the install command, exit 1, no traceback and no file."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    purelib = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True,
                                  text=True, check=True).stdout.strip())
    # The base dependencies come from the test environment; the export extra is hidden from the new environment.
    (purelib / "_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    (purelib / "_no_extras.pth").write_text("import sys; sys.modules.update(openpyxl=None, matplotlib=None)\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], check=True, timeout=600)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "ROLEGRAPH_ENDPOINT"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "rolegraph"), *args], cwd=work, capture_output=True, text=True, env=env, timeout=300)

    from rolegraph import formats

    for fmt in formats.all_formats():
        command = ["path", "Software Engineer", "Tech PM"] if fmt.graph_only else ["compare", "Tech PM", "Tech PgM"]
        done = run(*command, "-o", f"out.{fmt.extension}")
        assert "Traceback" not in done.stderr, (fmt.name, done.stderr)
        if fmt.name == "xlsx":
            assert done.returncode == 1 and done.stderr.count("\n") == 1 and "pip install openpyxl" in done.stderr, done.stderr
            assert not (work / "out.xlsx").exists()
        else:
            assert done.returncode == 0 and (work / f"out.{fmt.extension}").stat().st_size > 0, (fmt.name, done.stderr)
    for command in (["chart", "radar", "Tech PM", "Tech PgM", "-o", "r.svg"], ["chart", "venn", "Tech PM", "Tech PgM", "-o", "v.png"],
                    ["chart", "transitions", "-o", "t.svg"], ["handbook", "site"]):
        done = run(*command)
        assert done.returncode == 1 and done.stderr.count("\n") == 1 and "pip install matplotlib" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and not (work / command[-1]).exists()

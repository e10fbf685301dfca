"""Open every handbook page from disk in headless Debian chromium (no server, no network).

Checks per page: chromium loads it and exits cleanly, it logs no console message at all (the
pages have no scripts, so any message is an error such as a blocked or failed load), and a
screenshot PNG is produced. Links and resources are checked by parsing the HTML
(:mod:`handbook_links`). Skipped only when chromium is not installed (.ci/run installs it:
``apt-get install -y chromium``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from exports_support import real_kb
from handbook_links import problems

from rolegraph import handbook

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--window-size=1280,1600",
]
CONSOLE = re.compile(r":CONSOLE[:(]")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "handbook"
    handbook.build(real_kb(), out)
    return out


def load(page: Path, shot: Path, profile: Path) -> subprocess.CompletedProcess[str]:
    """Load ``page`` in chromium, writing a screenshot; stderr carries the console log."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_every_page_loads_without_console_messages(site: Path, tmp_path: Path) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 5
    for page in pages:
        shot = tmp_path / f"{page.stem}.png"
        run = load(page, shot, tmp_path / "profile")
        assert run.returncode == 0, f"{page.name}: chromium exited {run.returncode}\n{run.stderr[-2000:]}"
        console = [line for line in run.stderr.splitlines() if CONSOLE.search(line)]
        assert console == [], f"{page.name}: console messages: {console}"
        assert shot.is_file() and shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 5000, page.name


def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The check above would notice a broken page (guards against a chromium log-format change)."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><title>x</title><script>console.error("boom")</script>', encoding="utf-8")
    run = load(bad, tmp_path / "bad.png", tmp_path / "profile")
    assert any(CONSOLE.search(line) and "boom" in line for line in run.stderr.splitlines())


def test_links_resolve(site: Path) -> None:
    assert problems(site) == []

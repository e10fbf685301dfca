"""Open the handbook and the trainer's kit in headless Debian chromium (no server, no network).

Checks: every page loads with no console message (any message is an error such as a blocked
or failed load or a script error); the offline search finds "dependency" and its first hit
opens the right page; the cheat sheet prints on exactly one page of A4 and of Letter; a
screenshot of each chart kind is kept as a test artefact (the directory is printed:
``ROLEGRAPH_ARTEFACTS`` or ``artefacts/`` under pytest's base temp). Links and resources are
checked by parsing the HTML (:mod:`handbook_links`). Skipped only when chromium is not
installed, and then only locally: CI (``ROLEGRAPH_REQUIRE_SERVER=1``) fails instead.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from exports_support import TPGM, TPM, real_kb
from handbook_links import parse, problems

from rolegraph import charts, cheatsheet, handbook, slides

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("ROLEGRAPH_REQUIRE_SERVER") == "1"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--window-size=1280,1600",
]
CONSOLE = re.compile(r":CONSOLE[:(]")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None and not REQUIRED, reason="chromium is not installed (apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert CHROMIUM, "CI needs chromium (.ci/run installs it)"
    out = tmp_path_factory.mktemp("browser") / "handbook"
    handbook.build(real_kb(), out)
    return out


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("ROLEGRAPH_ARTEFACTS") or tmp_path_factory.getbasetemp() / "artefacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run chromium on ``url``; stderr carries the console log."""
    command = [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *extra, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in run.stderr.splitlines() if CONSOLE.search(line)]


def test_every_page_loads_without_console_messages(site: Path, tmp_path: Path) -> None:
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        shot = tmp_path / f"{page.stem}.png"
        run = chromium(page.as_uri(), tmp_path / "profile", f"--screenshot={shot}")
        assert run.returncode == 0, f"{page.name}: chromium exited {run.returncode}\n{run.stderr[-2000:]}"
        assert console(run) == [], f"{page.name}: console messages: {console(run)}"
        assert shot.is_file() and shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 5000, page.name


def test_console_errors_are_detected(tmp_path: Path) -> None:
    """The check above would notice a broken page (guards against a chromium log-format change)."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><title>x</title><script>console.error("boom")</script>', encoding="utf-8")
    run = chromium(bad.as_uri(), tmp_path / "profile", f"--screenshot={tmp_path / 'bad.png'}")
    assert any("boom" in line for line in console(run))


class Results(HTMLParser):
    """The result links of the search page's rendered DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "ol" and values.get("id") == "results":
            self.inside = True
        elif tag == "a" and self.inside:
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ol":
            self.inside = False


def test_search_finds_dependency_and_opens_the_right_page(site: Path, tmp_path: Path) -> None:
    run = chromium((site / "search.html").as_uri() + "?q=dependency", tmp_path / "profile", "--dump-dom")
    assert console(run) == [], console(run)
    results = Results()
    results.feed(run.stdout)
    assert len(results.links) >= 3, run.stdout[-2000:]
    first = results.links[0]
    assert first.startswith("skills.html#skill-"), results.links[:5]
    page, _, anchor = first.partition("#")
    assert anchor in parse(site / page).ids
    term = re.search(rf'<dt id="{anchor}">([^<]*)</dt>', (site / page).read_text(encoding="utf-8"))
    assert term and "dependency" in term.group(1)
    opened = chromium((site / page).as_uri() + "#" + anchor, tmp_path / "profile", "--dump-dom")
    assert opened.returncode == 0 and console(opened) == [] and f'id="{anchor}"' in opened.stdout


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
@pytest.mark.parametrize("pair", [(TPM, TPGM), (TPGM, TPM)])
def test_cheat_sheet_prints_on_exactly_one_page(paper: str, size: tuple[int, int], pair: tuple[str, str]) -> None:
    from pypdf import PdfReader

    pdf = cheatsheet.print_pdf(cheatsheet.build(real_kb(), *pair, paper=paper))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    text = reader.pages[0].extract_text()
    assert "Sources" in text and "Licences" in text and "Common confusions" in text


def test_a_screenshot_of_each_chart_kind_is_kept(artefacts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb = real_kb()
    specs = {"radar": charts.radar(kb, [TPM, TPGM]), "venn": charts.venn(kb, TPM, TPGM), "transitions": charts.transitions(kb),
             "heatmap": charts.heatmap(kb)}
    assert set(specs) == set(charts.CHARTS)
    for kind, spec in specs.items():
        svg = artefacts / f"{kind}.svg"
        svg.write_bytes(charts.draw(spec, "svg"))
        wrapper = artefacts / f"{kind}.html"
        wrapper.write_text(f'<!DOCTYPE html><html lang="en"><title>{kind}</title><img src="{kind}.svg" alt="{kind}" width="1600">', encoding="utf-8")
        shot = artefacts / f"{kind}.png"
        run = chromium(wrapper.as_uri(), tmp_path / "profile", f"--screenshot={shot}", "--window-size=1600,1700")
        assert run.returncode == 0 and console(run) == [], run.stderr[-1000:]
        assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20000, kind
    with capsys.disabled():
        print(f"\nchart screenshots kept in {artefacts}")


#: Hosts headless chromium itself contacts (component updates, time, accounts), whatever page is open.
BROWSER_OWN = {"update.googleapis.com", "clients2.google.com", "accounts.google.com"}


def requested_urls(net_log: Path) -> set[str]:
    """Every URL in a chromium net log that is not a local file or inline data."""
    data = json.loads(net_log.read_text(encoding="utf-8"))
    urls = {str(e.get("params", {}).get("url", "")) for e in data["events"]}
    return {u for u in urls if u and not u.startswith(("file:", "data:", "chrome:", "about:"))}


def test_slides_open_offline_with_no_network_request(tmp_path: Path) -> None:
    deck = tmp_path / "deck.html"
    deck.write_bytes(slides.build(real_kb(), TPM, TPGM, "html"))
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><html lang="en"><title>p</title><img src="http://127.0.0.1:9/x.png" alt="x">', encoding="utf-8")
    pages = {}
    for page in (deck, probe):
        log = tmp_path / f"{page.stem}.json"
        run = chromium(page.as_uri(), tmp_path / f"profile-{page.stem}", f"--log-net-log={log}", f"--screenshot={tmp_path / page.stem}.png")
        assert run.returncode == 0, run.stderr[-1000:]
        pages[page.stem] = {u for u in requested_urls(log) if urlsplit(u).hostname not in BROWSER_OWN}
    assert pages["probe"] == {"http://127.0.0.1:9/x.png"}, "the net log records a page's requests"
    assert pages["deck"] == set()


def test_links_resolve(site: Path) -> None:
    assert problems(site) == []

"""The one-page cheat sheet for two roles: HTML with print CSS (A4 or Letter), and PDF printed
by a headless Chromium when one is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rolegraph import brief as briefs
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.templating import render

PAPERS = {"a4": "A4", "letter": "letter"}
FORMATS = ("html", "pdf")


def html(brief: briefs.Brief, paper: str = "a4") -> str:
    """The cheat sheet as one self-contained HTML page (no scripts, no external resources)."""
    if paper not in PAPERS:
        raise RolegraphError(f"unknown paper size {paper!r}", "use a4 or letter")
    return render("cheatsheet.html.j2", brief=brief, paper=PAPERS[paper], title=brief.title)


def build(kb: KnowledgeBase, a: str, b: str, paper: str = "a4") -> str:
    """The cheat sheet for roles ``a`` and ``b`` (IRIs) as HTML."""
    return html(briefs.build(kb, a, b), paper)


def chromium() -> str | None:
    """The Chromium executable: ``ROLEGRAPH_CHROMIUM``, else chromium or chromium-browser on PATH."""
    return os.environ.get("ROLEGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page: str, timeout: float = 120) -> bytes:
    """Print HTML ``page`` to PDF with headless Chromium (the page's @page rule sets the paper)."""
    browser = chromium()
    if browser is None:
        raise RolegraphError("writing a PDF needs Chromium, which is not installed",
                             "install it (apt-get install chromium) or write .html and print it from a browser")
    with tempfile.TemporaryDirectory(prefix="rolegraph-pdf-") as work:
        source, target = Path(work) / "sheet.html", Path(work) / "sheet.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={target}", source.as_uri(),
        ]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RolegraphError(f"Chromium could not print the PDF: {error}", "write .html and print it from a browser") from None
        if run.returncode != 0 or not target.is_file():
            last = (run.stderr.strip().splitlines() or ["no output"])[-1][:200]
            raise RolegraphError(f"Chromium could not print the PDF ({last})", "write .html and print it from a browser")
        return target.read_bytes()

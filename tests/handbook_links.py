"""Parse a handbook's HTML and check every relative link and resource (not a test module)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """Collects element IDs, links (a href) and loaded resources (img/script/link/iframe src)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        for key in ("src", "srcset", "data"):
            if key in values:
                self.resources.append(values[key])
        if tag == "link" and "href" in values:
            self.resources.append(values["href"])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def problems(site: Path) -> list[str]:
    """Broken relative links/anchors and any resource that is not a local file or an inline image."""
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    found = []
    for path, page in pages.items():
        for ref in page.resources:
            if ref.startswith("data:image/"):
                continue  # inline (the HTML slides embed their charts)
            if urlsplit(ref).scheme or ref.startswith("//") or not (path.parent / unquote(ref)).is_file():
                found.append(f"{path.name}: resource {ref!r} is not a local file")
        for ref in page.links:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                continue
            if parts.scheme:
                found.append(f"{path.name}: link {ref!r} has scheme {parts.scheme}")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_file():
                found.append(f"{path.name}: link {ref!r} points to a missing file")
            elif parts.fragment and parts.fragment not in (pages[target] if target in pages else parse(target)).ids:
                found.append(f"{path.name}: link {ref!r} points to a missing anchor")
    return found

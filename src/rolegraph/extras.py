"""Optional libraries (the ``export`` extra), imported only by the feature that needs them.

A plain install leaves them out: start-up never pays for them, and a feature that needs one
ends in a one-line error naming the exact package to install (exit 1), never a traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from rolegraph.errors import RolegraphError

#: Each optional library and what needs it.
OPTIONAL = {"openpyxl": "the xlsx format", "matplotlib": "charts and the handbook", "jinja2": "the handbook, cheat sheet and HTML slides",
            "pptx": "PowerPoint slides"}
#: Where the pip package name differs from the module's.
PACKAGES = {"pptx": "python-pptx"}


def require(module: str) -> ModuleType:
    """Import an optional library, or raise a :class:`RolegraphError` naming its install command."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise RolegraphError(
            f"{OPTIONAL[module]} needs {module}, which is not installed",
            f"install it with: pip install {PACKAGES.get(module, module)}",
        ) from None

"""One helper for golden files: reviewed outputs kept in the repository.

``STRETCHKIT_UPDATE_GOLDEN=1`` rewrites them after a deliberate change;
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("STRETCHKIT_UPDATE_GOLDEN") == "1"


def check_golden(path: Path, text: str) -> None:
    """``text`` is what ``path`` holds (or becomes it, when updating)."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path} is out of date; see tests/golden.py"

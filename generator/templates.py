"""Where the built-in templates are, and the hash of the templates a run uses (no jinja2 needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"
if not BUILTIN_TEMPLATES.is_dir():  # a source checkout: templates/ sits beside generator/
    BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def templates_hash(template_dirs: Sequence[Path]) -> str:
    """The sha256 of the templates the loader sees: per name, the file of the first dir that has it."""
    used: dict[str, Path] = {}
    for root in [*template_dirs, BUILTIN_TEMPLATES]:
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                used.setdefault(path.relative_to(root).as_posix(), path)
    digest = hashlib.sha256()
    for name, path in sorted(used.items()):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

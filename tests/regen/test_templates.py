"""Custom templates: a dir whose templates shadow built-in ones by name; the rest stay built-in."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from regen_support import Gen, tree

from generator.templates import BUILTIN_TEMPLATES, templates_hash


def test_override_one_template_end_to_end(gen: Gen, write_api: Callable[..., Path], tmp_path: Path) -> None:
    source = write_api()
    builtin, custom = tmp_path / "builtin", tmp_path / "custom"
    assert gen(source, "-o", builtin).exit_code == 0
    overrides = tmp_path / "templates"
    (overrides / "sdk").mkdir(parents=True)
    (overrides / "sdk/README.md.jinja").write_text(
        "# {{ api.distribution }}\n\nOur own README for `{{ package }}`.\n"
    )
    result = gen(source, "-o", custom, "--templates", overrides)
    assert result.exit_code == 0, result.output
    assert (custom / "README.md").read_text() == "# tiny-api\n\nOur own README for `tiny_api`.\n"
    ours, theirs = tree(custom), tree(builtin)
    differing = sorted(p for p in ours.keys() | theirs.keys() if ours.get(p) != theirs.get(p))
    assert [p for p in differing if not p.startswith(".gen-client")] == ["README.md"]
    manifest = json.loads((custom / ".gen-client.json").read_text())
    assert manifest["templates_sha256"] == templates_hash([overrides])
    assert (
        manifest["templates_sha256"]
        != json.loads((builtin / ".gen-client.json").read_text())["templates_sha256"]
    )
    # Same templates again: current; the built-in ones checked against this output: not.
    assert gen(source, "-o", custom, "--templates", overrides, "--check").exit_code == 0
    assert gen(source, "-o", custom, "--check").exit_code == 1


def test_templates_hash_covers_exactly_the_templates_the_loader_sees(tmp_path: Path) -> None:
    builtin_only = templates_hash([])
    copy = tmp_path / "copy"
    (copy / "sdk").mkdir(parents=True)
    shutil.copyfile(BUILTIN_TEMPLATES / "sdk/README.md.jinja", copy / "sdk/README.md.jinja")
    assert templates_hash([copy]) == builtin_only  # a shadowed built-in counts once, as the loader sees it
    (copy / "sdk/README.md.jinja").write_text("changed\n")
    changed = templates_hash([copy])
    assert changed != builtin_only
    extra = tmp_path / "extra"
    (extra / "sdk").mkdir(parents=True)
    (extra / "sdk/_mine.jinja").write_text("{# a helper the overrides include #}\n")
    assert templates_hash([copy, extra]) not in (builtin_only, changed)
    # The first dir that has a name wins, as in the loader.
    (extra / "sdk/README.md.jinja").write_text("other\n")
    assert templates_hash([extra, copy]) != templates_hash([copy, extra])

"""The whole pipeline: load -> validate -> parse -> infer -> render -> format, as one pure-ish call."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator import __version__, load, rename, validate
from generator.cache import Cache
from generator.errors import InputError
from generator.examples import apply_types
from generator.format import format_files, format_pool
from generator.model import Api
from generator.parallel import Lane
from generator.parse import parse
from generator.render import render_styled
from generator.templates import templates_hash


@dataclass(frozen=True)
class Generated:
    api: Api
    files: dict[str, bytes]
    manifest: dict[str, object]
    tests: int


def schema_problems(loaded: load.Loaded) -> list[validate.SchemaProblem]:
    if loaded.kind == "collection":
        return validate.validate(loaded.document, loaded.version)
    return validate.validate_item(loaded.document, loaded.version)


def refuse(loaded: load.Loaded, problems: list[validate.SchemaProblem]) -> None:
    """Schema violations stop generation: the first (most specific) one is reported."""
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(loaded.file, loaded.pointer + first.pointer, first.message + more)


def manifest(api: Api, loaded: load.Loaded, template_dirs: Sequence[Path]) -> dict[str, object]:
    operations = [
        {
            "source": op.source,
            "name": op.name,
            "method": op.method,
            "python": ".".join([*(g.py_name for g in chain), op.py_name]),
        }
        for chain, op in api.all_operations()
    ]
    return {
        "generator": "gen-client",
        "generator_version": __version__,
        "input": {"sha256": loaded.sha256, "format": loaded.format},
        "package": api.package,
        "templates_sha256": templates_hash(template_dirs),
        "operations": operations,
        "models": [m.name for m in api.models],
        "secrets": [{"variable": name, "source": source} for name, source in api.secrets],
        "warnings": [{"pointer": p, "message": m} for p, m in api.warnings],
    }


def generate(
    path: str,
    *,
    package: str | None = None,
    overrides: Mapping[str, str] | None = None,
    template_dirs: Sequence[Path] = (),
    formatting: bool = True,
    override_origins: Mapping[str, tuple[str, bool]] | None = None,
    renames: Mapping[str, str] | None = None,
    cache: Cache | None = None,
) -> Generated:
    """The files of the SDK for the collection at `path`. `renames` are naming overrides (see rename.py);
    `cache` only saves time: the files are the same with it or without it."""
    renames = renames or {}
    # The built-in templates emit black's style, so black sees little of their output (a long literal, a
    # name past the line length) and formats it in this process, or in a pool of its own when there is a
    # lot (format_files decides). A user's templates are formatted in full: workers are started for them
    # now, before the collection is loaded, so they fork from a small process.
    pool = format_pool(path) if formatting and template_dirs else None
    # The pool shuts down however the run ends (a refused input too), so no worker outlives it.
    with pool if pool is not None else contextlib.nullcontext():
        loaded = load.load(path)
        # The schema is checked in a second lane while the collection is parsed: a problem it finds wins
        # over whatever the parse made of the document (or raised on it).
        with Lane(lambda: schema_problems(loaded)) as schema:
            try:
                parsed = parse(
                    loaded, package=package, overrides=overrides, override_origins=override_origins
                )
                parsed, renamed = rename.rename_resources(parsed, renames)
                api, renamed_models = rename.rename_models(apply_types(parsed), renames)
            except Exception:
                refuse(loaded, schema.result())
                raise
            refuse(loaded, schema.result())
        unknown = [key for key in renames if key not in renamed | renamed_models]
        if unknown:
            warnings = tuple(("", f"rename {key!r}: gen-client names nothing so") for key in unknown)
            api = replace(api, warnings=api.warnings + warnings)
        texts, styled = render_styled(api, template_dirs)
        if formatting:
            texts = format_files(texts, black_style=styled, executor=pool, cache=cache)
        files = {name: text.encode("utf-8") for name, text in sorted(texts.items())}
        tests = sum(1 for _ in api.all_operations()) + sum(
            1 for _, op in api.all_operations() for e in op.examples if e.answer in ("success", "error")
        )
        return Generated(api, files, manifest(api, loaded, template_dirs), tests)

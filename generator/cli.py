"""The ``gen-client`` command: generate, regenerate or check a Python SDK from a Postman collection."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__, config, memo
from generator.cache import Cache
from generator.errors import InputError
from generator.format import FormatError
from generator.load import decode, read_bytes
from generator.rename import RenameError
from generator.secrets import env_origins
from generator.write import OutputError, WriteReport, write_output

if TYPE_CHECKING:
    from generator.pipeline import Generated

EXIT_OK, EXIT_OUT_OF_DATE, EXIT_BAD_INPUT = 0, 1, 2
# Control characters (C0, DEL, C1) from a collection must not reach a terminal as they are: a line break
# would fake a line of output and an escape sequence would drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` for a terminal line: control characters shown as escapes (``\\n``, ``\\x1b``)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def read_env_file(path: str) -> dict[str, str]:
    """The enabled values of a Postman environment file (``{"values": [{"key", "value"}]}``)."""
    file, data = read_bytes(path)
    document = decode(file, data)
    values = document.get("values") if isinstance(document, dict) else None
    if not isinstance(values, list):
        raise InputError(file, "/values", "not a Postman environment: expected a `values` list")
    out: dict[str, str] = {}
    for i, entry in enumerate(values):
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise InputError(file, f"/values/{i}", "expected an object with a string `key`")
        if entry.get("enabled", True) is not False:
            value = entry.get("value")
            out[entry["key"]] = value if isinstance(value, str) else json.dumps(value)
    return out


def parse_vars(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--var")
        out[name] = value
    return out


@dataclass(frozen=True)
class Figures:
    """What a run's summary reports of the SDK: from the generation, or from the manifest of an output
    that is still current (``memo``)."""

    package: str
    operations: int
    models: int
    tests: int
    warnings: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, generated: Generated) -> Figures:
        api = generated.api
        ops = len(api.all_operations())
        return cls(api.package, ops, len(api.models), generated.tests, tuple(api.warnings))

    @classmethod
    def recorded(cls, manifest: dict[str, object], tests: int) -> Figures:
        package, operations, models, warnings = memo.summary_figures(manifest)
        return cls(package, operations, models, tests, tuple(warnings))


def summary(figures: Figures, report: WriteReport, out: Path, check: bool) -> str:
    changed = len(report.added) + len(report.changed) + len(report.removed) + len(report.merged)
    verb = "would change" if check else "changed"
    edited = f", {len(report.edited)} edited by hand" if report.edited else ""
    lines = [
        f"{figures.package} -> {out}: {figures.operations} operations, {figures.models} models, "
        f"{figures.tests} tests, {changed} files {verb}{edited}, {len(figures.warnings)} warnings"
    ]
    for pointer, message in figures.warnings:
        lines.append(printable(f"  warning: {pointer or '/'}: {message}"))
    for kind in REPORTED:
        for path in getattr(report, kind):
            lines.append(f"  {kind}: {path}")
    return "\n".join(lines)


REPORTED = ("added", "changed", "removed", "merged", "conflicts", "kept", "edited")


def json_summary(figures: Figures, report: WriteReport, out: Path) -> dict[str, object]:
    return {
        "package": figures.package,
        "output": str(out),
        "operations": figures.operations,
        "models": figures.models,
        "tests": figures.tests,
        "up_to_date": report.up_to_date,
        "current": report.current,
        **{kind: list(getattr(report, kind)) for kind in REPORTED},
        "warnings": [{"pointer": p, "message": m} for p, m in figures.warnings],
    }


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("collection", metavar="[COLLECTION]", required=False)
@click.option(
    "-o", "--out", type=click.Path(file_okay=False, path_type=Path), help="Output dir [generated/<package>]."
)
@click.option("--package-name", help="Import name of the generated package [from the collection's name].")
@click.option("--env", "env_file", help="A Postman environment file whose values become the SDK's defaults.")
@click.option(
    "--var", "var_pairs", multiple=True, metavar="NAME=VALUE", help="A variable default (repeatable)."
)
@click.option(
    "--templates",
    "template_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A dir whose templates override the built-in ones by name.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 when the output is not what would be generated."
)
@click.option("--diff", is_flag=True, help="With --check, also print a unified diff.")
@click.option(
    "--force", is_flag=True, help="Write into a non-empty dir without a manifest; discard user edits."
)
@click.option("--no-format", is_flag=True, help="Skip black (faster; output differs from the formatted one).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor fill the cache: black's output, and runs with nothing to do (see README).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The pyproject.toml to read [tool.gen-client] from [the nearest one, from here upward].",
)
@click.version_option(__version__, prog_name="gen-client")
def command(
    collection: str | None,
    out: Path | None,
    package_name: str | None,
    env_file: str | None,
    var_pairs: tuple[str, ...],
    template_dir: Path | None,
    check: bool,
    diff: bool,
    force: bool,
    no_format: bool,
    no_cache: bool,
    quiet: bool,
    as_json: bool,
    config_file: Path | None,
) -> None:
    """Generate a typed Python SDK (sync + async clients, models, errors, tests) from a Postman
    collection (v2.0 or v2.1, a single exported item or folder; `-` reads stdin).

    Without COLLECTION, generates every SDK that [tool.gen-client] in pyproject.toml lists; any option
    may be set there too.

    Exit codes: 0 done, 1 --check found the output out of date (or a merge left conflicts), 2 bad input.
    """
    given = {
        "out": out,
        "package-name": package_name,
        "env": env_file,
        "var": parse_vars(var_pairs),
        "templates": template_dir,
        **{"check": check, "diff": diff, "force": force, "no-format": no_format, "no-cache": no_cache},
        **{"quiet": quiet, "json": as_json},
    }
    try:
        runs = config.plan(
            config.load(config_file or config.find(Path.cwd())), collection, config.cli_layer(given)
        )
    except InputError as exc:
        click.echo(printable(exc.one_line()), err=True)
        sys.exit(EXIT_BAD_INPUT)
    codes, summaries = [], []
    for run in runs:
        code, result = run_one(run)
        codes.append(code)
        summaries.append(result)
    if as_json or any(run.flag("json") for run in runs):
        listed = collection is None or len(runs) > 1
        click.echo(json.dumps(summaries if listed else summaries[0], indent=2))
    sys.exit(max(codes))


def run_one(run: config.Run) -> tuple[int, dict[str, object]]:
    """Generate (or check) one SDK: its exit code and its JSON summary; prints the text summary."""
    quiet, as_json, check = run.flag("quiet"), run.flag("json"), run.flag("check")
    cache = None if run.flag("no-cache") or run.flag("no-format") else Cache.default()
    run_key = memo.key(run) if cache is not None and cache.enabled else None
    if cache is not None and run_key is not None:
        unchanged = _unchanged(run, cache, run_key)
        if unchanged is not None:
            figures, report, target = unchanged
            if not as_json and not quiet:
                click.echo(summary(figures, report, target, check))
            return EXIT_OK, json_summary(figures, report, target)
    try:
        overrides = read_env_file(run.env) if run.env else {}
        pairs = dict(run.var)
        overrides.update(pairs)
        env_document = decode(*read_bytes(run.env)) if run.env else None
        from generator.pipeline import generate  # jinja2 and the rest: not needed when nothing is to do

        generated = generate(
            run.collection,
            package=run.package_name,
            overrides=overrides,
            override_origins=env_origins(env_document, pairs),
            template_dirs=run.templates,
            formatting=not run.flag("no-format"),
            renames=run.rename,
            cache=cache,
        )
        base = run.base or Path()
        target = run.out if run.out is not None else base / "generated" / generated.api.package
        report = write_output(
            target,
            generated.files,
            generated.manifest,
            check=check,
            diff=run.flag("diff"),
            force=run.flag("force"),
        )
        if cache is not None and run_key is not None:
            memo.remember(cache, run_key, report.manifest_sha256, generated.api.package, generated.tests)
    except (InputError, OutputError, RenameError) as exc:
        if isinstance(exc, RenameError):
            exc = run.rename_error(exc)
        message = printable(exc.one_line() if isinstance(exc, InputError) else f"error: {exc}")
        click.echo(message, err=True)
        return EXIT_BAD_INPUT, {"collection": run.collection, "error": message}
    except FormatError as exc:
        click.echo(f"error: internal: {exc}", err=True)
        return EXIT_BAD_INPUT, {"collection": run.collection, "error": f"internal: {exc}"}
    except OSError as exc:  # a file in the way of the output, a full disk, no permission: one line too
        message = printable(f"error: {exc.filename or run.out or ''}: {exc.strerror or exc}")
        click.echo(message, err=True)
        return EXIT_BAD_INPUT, {"collection": run.collection, "error": message}
    finally:
        if cache is not None:
            cache.close()
    figures = Figures.of(generated)
    if not as_json and not quiet:
        click.echo(summary(figures, report, target, check))
    if check and run.flag("diff") and report.diff:
        click.echo(report.diff, nl=False, err=as_json)
    stale = report.conflicts or (check and not report.current)
    return (EXIT_OUT_OF_DATE if stale else EXIT_OK), json_summary(figures, report, target)


def _unchanged(run: config.Run, cache: Cache, run_key: str) -> tuple[Figures, WriteReport, Path] | None:
    """The summary of a run with nothing to do (see ``memo``), or None when it must generate."""
    record = memo.recalled(cache, run_key)
    if record is None:
        return None
    target = run.out if run.out is not None else (run.base or Path()) / "generated" / record.package
    manifest = memo.current(target, record.manifest_sha256)
    if manifest is None:
        return None
    files = manifest["files"]
    assert isinstance(files, dict)
    report = WriteReport(unchanged=tuple(sorted(files)))
    return Figures.recorded(manifest, record.tests), report, target


# The cyclic garbage collector, tuned for a run that builds one large structure and keeps it to the end:
# at the default thresholds it scans the growing heap again and again (40% of a 10,000-request run here);
# collecting 140 times less often leaves the peak memory as it was.
GC_THRESHOLDS = (100_000, 50, 100)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 8_000))
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        command(prog_name="gen-client")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    # Everything is written and closed by now (output files, the cache, lanes and workers): leave without
    # tearing down the heap object by object, which costs a large run a tenth of a second for nothing.
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe or stream has nothing to flush
            stream.flush()
    os._exit(code or 0)

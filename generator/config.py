"""Settings from ``[tool.gen-client]`` in a ``pyproject.toml``, merged with the command line into runs.

    [tool.gen-client]                       # defaults for every SDK: any option by its long name
    no-format = false

    [[tool.gen-client.sdk]]                 # one entry per SDK; `gen-client` alone generates them all
    collection = "api.postman_collection.json"
    out = "sdks/acme"
    package-name = "acme"
    env = "prod.postman_environment.json"
    var = { baseUrl = "https://api.acme.test" }
    templates = "sdk-templates"             # or a list of dirs, the first one wins
    rename = { "pets.list_pets" = "list", "models.PetsItem" = "Pet" }

The file is the nearest ``pyproject.toml`` with a ``[tool.gen-client]`` table, from the current dir upward
(so an SDK's own ``pyproject.toml`` inside the output does not hide the project's). Paths in it are relative
to its dir. Precedence: the command line, then the SDK's entry, then the table's defaults; ``var`` and
``rename`` tables merge key by key in the same order. Given a COLLECTION, the entries for that file apply
(none: only the defaults); without one, every entry is a run.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, join_pointer
from generator.rename import RenameError, check_value

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
TABLE = ("tool", "gen-client")
_POINTER = "/tool/gen-client"
PATH_KEYS = ("collection", "out", "env")
FLAGS = ("check", "diff", "force", "no-format", "no-cache", "quiet", "json")
KEYS = (*PATH_KEYS, "package-name", "var", "templates", "rename", *FLAGS)

Layer = dict[str, object]  # normalized settings one source gives, by option name


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    defaults: Layer = field(default_factory=dict)
    sdks: tuple[Layer, ...] = ()


@dataclass(frozen=True)
class Run:
    """Everything one generation needs, from the command line and the config."""

    collection: str
    out: Path | None = None
    package_name: str | None = None
    env: str | None = None
    var: Mapping[str, str] = field(default_factory=dict)
    templates: tuple[Path, ...] = ()
    rename: Mapping[str, str] = field(default_factory=dict)
    rename_origin: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # key -> (file, pointer)
    flags: frozenset[str] = frozenset()
    base: Path | None = None  # the config's dir when an SDK entry applies: the default output's parent

    def flag(self, name: str) -> bool:
        return name in self.flags

    def rename_error(self, exc: RenameError) -> InputError:
        file, pointer = self.rename_origin.get(exc.key, ("rename", ""))
        return InputError(file, pointer, exc.message)


def find(start: Path) -> Path | None:
    """The nearest pyproject.toml with a ``[tool.gen-client]`` table, from `start` upward."""
    for directory in [start, *start.parents]:
        candidate = directory / PYPROJECT
        if candidate.is_file() and _table(_read(candidate)) is not None:
            return candidate
    return None


def load(path: Path | None) -> Config:
    """The config in `path` (None: no config); errors are InputErrors naming the file and key."""
    if path is None:
        return Config()
    table = _table(_read(path))
    if table is None:
        raise InputError(str(path), _POINTER, "no [tool.gen-client] table")
    base = path.parent
    defaults = {k: v for k, v in table.items() if k != "sdk"}
    sdks = table.get("sdk", [])
    if not isinstance(sdks, list) or not all(isinstance(entry, dict) for entry in sdks):
        raise InputError(str(path), f"{_POINTER}/sdk", "expected [[tool.gen-client.sdk]] tables")
    return Config(
        path,
        _layer(defaults, base, str(path), _POINTER),
        tuple(_layer(entry, base, str(path), f"{_POINTER}/sdk/{i}") for i, entry in enumerate(sdks)),
    )


def _read(path: Path) -> dict[str, object]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), "", f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror or exc}") from None


def _table(document: Mapping[str, object]) -> dict[str, object] | None:
    tool = document.get(TABLE[0])
    table = tool.get(TABLE[1]) if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _layer(table: Mapping[str, object], base: Path, file: str, pointer: str) -> Layer:
    layer: Layer = {}
    for key, value in table.items():
        here = join_pointer(pointer, key)
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known: {', '.join(KEYS)}"
            raise InputError(file, here, f"unknown key {key!r}{hint}")
        layer[key] = _value(key, value, base, file, here)
    return layer


def _value(key: str, value: object, base: Path, file: str, pointer: str) -> object:
    def wrong(expected: str) -> InputError:
        return InputError(file, pointer, f"expected {expected}, got {type(value).__name__}")

    if key in FLAGS:
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if key in PATH_KEYS or key == "package-name":
        if not isinstance(value, str) or not value:
            raise wrong("a non-empty string")
        return value if key == "package-name" or value == "-" else str(base / value)
    if key == "templates":
        dirs = [value] if isinstance(value, str) else value
        if not isinstance(dirs, list) or not all(isinstance(d, str) and d for d in dirs):
            raise wrong("a dir or a list of dirs")
        return tuple(base / d for d in dirs)
    if key == "var":
        return _vars(value, file, pointer)
    return _renames(value, file, pointer)


def _vars(value: object, file: str, pointer: str) -> dict[str, tuple[str, str]]:
    pairs: list[tuple[str, object]] = []
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(p, str) and "=" in p for p in value):
        pairs = [(p.partition("=")[0], p.partition("=")[2]) for p in value]
    else:
        raise InputError(file, pointer, 'expected a table { NAME = "VALUE" } or a list of "NAME=VALUE"')
    out: dict[str, tuple[str, str]] = {}
    for name, raw in pairs:
        if not name or isinstance(raw, (dict, list)):
            raise InputError(file, join_pointer(pointer, name), "expected a variable name and a scalar value")
        text = raw if isinstance(raw, str) else json.dumps(raw, default=str)
        out[name] = (text, join_pointer(pointer, name))
    return out


def _renames(value: object, file: str, pointer: str) -> dict[str, tuple[str, str]]:
    if not isinstance(value, dict):
        raise InputError(file, pointer, 'expected a table { "old.path" = "new_name" }')
    out: dict[str, tuple[str, str]] = {}
    for key, new in value.items():
        here = join_pointer(pointer, key)
        parts = key.split(".")
        if not all(part.isidentifier() for part in parts) or not isinstance(new, str):
            raise InputError(
                file, here, "expected a dotted path (folder.operation, or models.Name) and a new name"
            )
        try:
            check_value(key, new)
        except RenameError as exc:
            raise InputError(file, here, exc.message) from None
        out[key] = (new, here)
    return out


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def plan(config: Config, collection: str | None, cli: Layer) -> list[Run]:
    """The runs for a command line (options it gave, by long name) under `config`."""
    file = str(config.path) if config.path else "pyproject.toml"
    layers: list[list[Layer]]
    if collection is not None:
        entries = [e for e in config.sdks if _same_file(str(e.get("collection", "")), collection)]
        layers = [[config.defaults, entry, {"collection": collection}, cli] for entry in entries or [{}]]
        from_entries = bool(entries)
    elif config.sdks:
        layers = [[config.defaults, entry, cli] for entry in config.sdks]
        from_entries = True
    elif "collection" in config.defaults:
        layers = [[config.defaults, cli]]
        from_entries = True
    else:
        where = (file, _POINTER) if config.path else ("gen-client", "")
        raise InputError(*where, "no COLLECTION given and no [[tool.gen-client.sdk]] entries to generate")
    if len(layers) > 1:
        for option in ("out", "package-name"):
            if option in cli:
                raise InputError(
                    "gen-client", "", f"--{option} names one SDK but {len(layers)} would be made"
                )
    base = config.path.parent if config.path and from_entries else None
    return [_run(stack, file, base) for stack in layers]


def _run(layers: Sequence[Layer], file: str, base: Path | None) -> Run:
    merged: Layer = {}
    var: dict[str, str] = {}
    rename: dict[str, str] = {}
    origin: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for key, value in layer.items():
            if key == "var":
                var.update({name: text for name, (text, _) in _pairs(value)})
            elif key == "rename":
                for old, (new, pointer) in _pairs(value):
                    rename[old] = new
                    origin[old] = (file, pointer)
            else:
                merged[key] = value
    collection = merged.get("collection")
    if not isinstance(collection, str):
        raise InputError(file, _POINTER, "an SDK entry has no `collection`")
    out, package, env, templates = (merged.get(k) for k in ("out", "package-name", "env", "templates"))
    return Run(
        collection=collection,
        out=Path(out) if isinstance(out, (str, Path)) else None,
        package_name=package if isinstance(package, str) else None,
        env=env if isinstance(env, str) else None,
        var=var,
        templates=tuple(templates) if isinstance(templates, tuple) else (),
        rename=rename,
        rename_origin=origin,
        flags=frozenset(k for k in FLAGS if merged.get(k) is True),
        base=base,
    )


def _pairs(value: object) -> list[tuple[str, tuple[str, str]]]:
    return list(value.items()) if isinstance(value, dict) else []


def cli_layer(options: Mapping[str, object]) -> Layer:
    """The options a command line gave (None, False and empty mean not given), shaped like a config layer."""
    layer: Layer = {}
    for key, value in options.items():
        if value is None or value is False or value == ():
            continue
        if key == "var":
            layer[key] = {name: (text, "") for name, text in dict(value).items()}  # type: ignore[call-overload]
        elif key == "templates":
            layer[key] = tuple(value) if isinstance(value, (list, tuple)) else (value,)
        else:
            layer[key] = str(value) if isinstance(value, Path) else value
    return layer

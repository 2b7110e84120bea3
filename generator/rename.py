"""Naming overrides: rename folders, operations and models of the IR, so SDK names outlive API renames.

A key names a thing as gen-client names it without overrides: a folder or an operation by its attribute
path from the client (``pets``, ``pets.list_pets``: the ``python`` paths of the manifest's operations), a
model by ``models.<ClassName>``. The value is the new last part of that name; renames never move things.
Folders and operations are renamed before the types are inferred, so the models named after an operation
follow its new name; models are renamed after. A renamed folder's classes (``Pets``, ``AsyncPets``) follow its
new attribute name. A name already taken in the same namespace is an error, never silently suffixed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar, cast

from generator import naming
from generator.model import Api, ClassName, Group, Model, ModelRef, Operation, PythonIdentifier

MODELS_PREFIX = "models."


class RenameError(Exception):
    """A rename that cannot be applied; ``key`` is the override's key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key!r}: {message}")
        self.key = key
        self.message = message


def check_value(key: str, value: str) -> None:
    """Refuse a new name that is not a plain, safe Python name of the right kind for `key`."""
    model = key.startswith(MODELS_PREFIX)
    reserved = naming.BUILTINS | naming.MODELS_MODULE_RESERVED if model else naming.RESOURCE_RESERVED
    if (
        not value.isidentifier()
        or not value.isascii()
        or value.startswith("_")
        or value in naming.KEYWORDS
        or value in reserved
        or (model and not value[0].isupper())
    ):
        kind = "a class name starting with a capital letter" if model else "a Python identifier"
        raise RenameError(key, f"{value!r} is not usable: expected {kind}, not a keyword or reserved name")


def rename_resources(api: Api, renames: Mapping[str, str]) -> tuple[Api, set[str]]:
    """Folders and operations renamed; returns the new IR and the keys that named something."""
    wanted = {k: v for k, v in renames.items() if not k.startswith(MODELS_PREFIX)}
    if not wanted:
        return api, set()
    used: set[str] = set()
    renamed_groups: list[Group] = []

    def visit(group: Group, path: str) -> Group:
        members: list[tuple[str, str]] = []  # (path without renames, final name) of the class's attributes
        operations: list[Operation] = []
        for op in group.operations:
            op_path = f"{path}.{op.py_name}"
            operations.append(_renamed(op, op_path, wanted, used))
            members.append((op_path, operations[-1].py_name))
        groups: list[Group] = []
        for sub in group.groups:
            sub_path = f"{path}.{sub.py_name}"
            groups.append(visit(sub, sub_path))
            members.append((sub_path, groups[-1].py_name))
        _check_unique(path, members, wanted)
        new = dataclasses.replace(group, operations=tuple(operations), groups=tuple(groups))
        if path in wanted:
            new = _renamed(new, path, wanted, used)
            renamed_groups.append(new)
        return new

    top = tuple(visit(group, group.py_name) for group in api.groups)
    members = [(old.py_name, new.py_name) for old, new in zip(api.groups, top, strict=True)]
    _check_unique("the client", members, wanted)
    return _rename_classes(dataclasses.replace(api, groups=top), renamed_groups), used


_Named = TypeVar("_Named", Operation, Group)


def _renamed(thing: _Named, path: str, wanted: Mapping[str, str], used: set[str]) -> _Named:
    if path not in wanted:
        return thing
    used.add(path)
    return dataclasses.replace(thing, py_name=PythonIdentifier(wanted[path]))


def _check_unique(where: str, members: Sequence[tuple[str, str]], wanted: Mapping[str, str]) -> None:
    seen: dict[str, str] = {}
    for path, name in members:
        if name in seen:
            key = path if path in wanted else seen[name]
            raise RenameError(key, f"{name!r} is taken by another operation or folder of {where}")
        seen[name] = path


def _rename_classes(api: Api, renamed: list[Group]) -> Api:
    """Give renamed folders the class names of their new attribute names (with an ``Async`` twin)."""
    if not renamed:
        return api
    ids = {id(g) for g in renamed}
    scope = naming.resource_scope()
    for group in _all_groups(api.groups):
        if id(group) not in ids:
            scope.claim(group.class_name)
            scope.claim(f"Async{group.class_name}")
    classes = {id(g): naming.resource_class_name(scope, g.py_name) for g in renamed}

    def visit(group: Group) -> Group:
        groups = tuple(visit(sub) for sub in group.groups)
        name = classes.get(id(group), group.class_name)
        return dataclasses.replace(group, groups=groups, class_name=ClassName(name))

    return dataclasses.replace(api, groups=tuple(visit(g) for g in api.groups))


def _all_groups(groups: Iterable[Group]) -> list[Group]:
    found: list[Group] = []
    stack = list(groups)
    while stack:
        group = stack.pop()
        found.append(group)
        stack.extend(group.groups)
    return found


def rename_models(api: Api, renames: Mapping[str, str]) -> tuple[Api, set[str]]:
    """Models renamed, and every reference to them; returns the new IR and the keys that named a model."""
    names = {m.name for m in api.models}
    mapping = {
        key[len(MODELS_PREFIX) :]: value
        for key, value in renames.items()
        if key.startswith(MODELS_PREFIX) and key[len(MODELS_PREFIX) :] in names
    }
    if not mapping:
        return api, set()
    final: dict[str, str] = {}
    for name in [m.name for m in api.models]:
        new = mapping.get(name, name)
        if new in final:
            key = MODELS_PREFIX + (name if name in mapping else final[new])
            raise RenameError(key, f"{new!r} is taken by another model")
        final[new] = name
    return cast(Api, _retyped(api, mapping)), {MODELS_PREFIX + name for name in mapping}


def _retyped(value: object, mapping: Mapping[str, str]) -> object:
    """`value` with every model name in `mapping` replaced, wherever the IR holds one (unchanged parts are
    shared, not copied)."""
    if isinstance(value, ModelRef):
        return ModelRef(ClassName(mapping.get(value.name, value.name)))
    if isinstance(value, tuple):
        items = tuple(_retyped(item, mapping) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            old = getattr(value, field.name)
            new = _retyped(old, mapping)
            if new is not old:
                changes[field.name] = new
        if isinstance(value, Model) and value.name in mapping:
            changes["name"] = ClassName(mapping[value.name])
        return dataclasses.replace(value, **changes) if changes else value
    return value


def unknown_keys(renames: Mapping[str, str], used: set[str]) -> list[str]:
    return [key for key in renames if key not in used]

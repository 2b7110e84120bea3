"""Infer stage: JSON examples -> type specs and named, deduplicated models (DESIGN principle 3).

Three steps. Every sample of a use site is folded into one ``_Shape`` (what was seen at each position).
Each shape is then resolved bottom-up into a ``TypeSpec``; every JSON object that is not a map becomes a
model, interned by structure so identical shapes anywhere share one model. At a use site's root (the body
itself, or items of its arrays) maps and ``{}`` become models too, so whatever an operation returns or
raises has ``to_dict``: a map model holds its entries in ``values``. Last, models are named, roots
from their hints and nested ones from their field paths, in breadth-first tiers so shallow models get the
short names. ``InferResult.models`` lists each model after the models it references.

Positions deeper than ``MAX_DEPTH`` containers are typed ``JSON``: no model tree is that deep on purpose,
and it keeps every later stage (and the generated code) far from recursion limits. Folding samples and
merging shapes use explicit stacks, so any depth is safe; resolving recurses at most ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator import naming
from generator.model import (
    ClassName,
    DictOf,
    ListOf,
    Model,
    ModelField,
    ModelRef,
    Nullable,
    Prim,
    TypeRequest,
    TypeSpec,
    UnionOf,
)

MAX_DEPTH = 32
# An object with this many keys whose values all share one shape is a map, whatever its keys look like.
MAP_MIN_KEYS = 32
# A colliding nested model's name takes at most this many words of the keys above it.
MAX_CONTEXT = 3

ANY = Prim("any")
_JSON_TYPES = (type(None), bool, int, float, str, list, dict)
# Keys that are data, not names: numbers, UUIDs, long hex ids, OCIDs, dates.
_ID_KEY = re.compile(
    r"-?\d+(?:\.\d+)?"
    r"|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
    r"|(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}"
    r"|ocid1\..+"
    r"|\d{4}-\d{2}-\d{2}(?:[T ].*)?",
    re.DOTALL,
)
# Keys a person would write as a field name (anything else, like ``application/json`` or ``/users``, is data).
_NAME_KEY = re.compile(r"[A-Za-z_$@][A-Za-z0-9_$@ .-]*")


@dataclass(frozen=True)
class InferResult:
    types: Mapping[str, TypeSpec | None]  # by TypeRequest.key; None when there were no usable samples
    models: tuple[Model, ...]  # each after the models it references


class _Shape:
    """Everything seen at one position of a use site's samples."""

    __slots__ = ("values", "kinds", "arrays", "items", "objects", "fields")

    def __init__(self) -> None:
        self.values = 0  # values seen here (for an object field: objects that had the key)
        self.kinds: set[str] = set()  # "null", "bool", "int", "float", "str", "opaque"
        self.arrays = 0
        self.items: _Shape | None = None
        self.objects = 0
        self.fields: dict[str, _Shape] = {}

    def signature(self) -> tuple[frozenset[str], bool, frozenset[str] | None]:
        return frozenset(self.kinds), self.arrays > 0, frozenset(self.fields) if self.objects else None


def _observe(root: _Shape, sample: object) -> None:
    """Fold one sample into ``root``."""
    stack: list[tuple[object, _Shape, int]] = [(sample, root, 0)]
    while stack:
        value, shape, depth = stack.pop()
        shape.values += 1
        if value is None:
            shape.kinds.add("null")
        elif isinstance(value, bool):
            shape.kinds.add("bool")
        elif isinstance(value, int):
            shape.kinds.add("int")
        elif isinstance(value, float):
            shape.kinds.add("float")
        elif isinstance(value, str):
            shape.kinds.add("str")
        elif depth >= MAX_DEPTH or not isinstance(value, (list, dict)):
            shape.kinds.add("opaque")
        elif isinstance(value, list):
            shape.arrays += 1
            items = shape.items = shape.items or _Shape()
            stack.extend((item, items, depth + 1) for item in value)
        elif all(isinstance(key, str) for key in value):
            shape.objects += 1
            for key, item in value.items():
                field = shape.fields.get(key)
                if field is None:
                    field = shape.fields[key] = _Shape()
                stack.append((item, field, depth + 1))
        else:
            shape.kinds.add("opaque")


def _merge(target: _Shape, source: _Shape) -> None:
    """Fold ``source`` into ``target`` (copying, never sharing, its sub-shapes)."""
    stack = [(target, source)]
    while stack:
        into, other = stack.pop()
        into.values += other.values
        into.kinds |= other.kinds
        into.arrays += other.arrays
        into.objects += other.objects
        if other.items is not None:
            into.items = into.items or _Shape()
            stack.append((into.items, other.items))
        for key, sub in other.fields.items():
            field = into.fields.get(key)
            if field is None:
                field = into.fields[key] = _Shape()
            stack.append((field, sub))


def _is_map(fields: Mapping[str, _Shape]) -> bool:
    """An object used as a map: every key is data (ids, paths, ...), or very many keys share one shape."""
    if all(_ID_KEY.fullmatch(key) or not _NAME_KEY.fullmatch(key) for key in fields):
        return True
    if len(fields) < MAP_MIN_KEYS:
        return False
    signatures = {shape.signature() for shape in fields.values()}
    return len(signatures) == 1


# A model is found at a position: (model id, key of the position, whether it is an item/value there).
_Found = tuple[int, str, bool]
# A model's fields: (wire name, type, required). A map model has one, with no name: the type of its values.
_Structure = tuple[tuple[str, TypeSpec, bool], ...]


class _Resolver:
    """Shapes -> types; objects become models interned by structure (ids stand in for names until the end)."""

    def __init__(self) -> None:
        self.ids: dict[tuple[bool, _Structure], int] = {}  # by (is a map model, structure)
        self.structures: list[_Structure] = []
        self.maps: set[int] = set()  # map models: roots that are JSON objects with data for keys
        self.uses: list[list[tuple[int, str, bool]]] = []  # by model id: (parent id, key, element)
        # by model id: (hints, element, context) of each use site it is the root of
        self.root_uses: list[list[tuple[tuple[str, ...], bool, str]]] = []
        self.roots: list[int] = []  # models at a use site's root, in the order first seen there

    def add_root_use(self, model: int, hints: tuple[str, ...], element: bool, context: str) -> None:
        if not self.root_uses[model]:
            self.roots.append(model)
        self.root_uses[model].append((hints, element, context))

    def resolve(
        self, shape: _Shape, key: str, element: bool, found: list[_Found], root: bool = False
    ) -> TypeSpec:
        """The type of a position; at a ``root`` (a use site's value, or items of its arrays) every object
        is a model, so whatever the use site returns has ``to_dict``."""
        kinds = shape.kinds
        if not shape.values or "opaque" in kinds:
            return ANY
        options: list[TypeSpec] = []
        if "bool" in kinds:
            options.append(Prim("bool"))
        if "float" in kinds or "int" in kinds:
            options.append(Prim("float" if "float" in kinds else "int"))
        if "str" in kinds:
            options.append(Prim("str"))
        if shape.arrays:
            items = shape.items or _Shape()
            options.append(ListOf(self.resolve(items, key, True, found, root)))
        if shape.objects:
            options.append(self._object(shape, key, element, found, root))
        if not options:  # only ever null: nothing is known about it
            return ANY
        spec = options[0] if len(options) == 1 else UnionOf(tuple(options))
        return Nullable(spec) if "null" in kinds else spec

    def _object(self, shape: _Shape, key: str, element: bool, found: list[_Found], root: bool) -> TypeSpec:
        if not shape.fields and not root:
            return DictOf(ANY)
        inner: list[_Found] = []
        is_map = bool(shape.fields) and _is_map(shape.fields)
        if is_map:
            values = _Shape()
            for field in shape.fields.values():
                _merge(values, field)
            if not root:
                return DictOf(self.resolve(values, key, True, found))
            structure: _Structure = (("", self.resolve(values, key, True, inner), False),)
        else:
            structure = tuple(
                (wire, self.resolve(field, wire, False, inner), field.values == shape.objects)
                for wire, field in shape.fields.items()
            )
        model = self.ids.get((is_map, structure))
        if model is None:
            model = self.ids[(is_map, structure)] = len(self.structures)
            self.structures.append(structure)
            self.uses.append([])
            self.root_uses.append([])
            if is_map:
                self.maps.add(model)
        for child, child_key, child_element in inner:
            self.uses[child].append((model, child_key, child_element))
        found.append((model, key, element))
        return ModelRef(ClassName(f"#{model}"))


def infer_types(requests: Sequence[TypeRequest]) -> InferResult:
    """Types for every use site and the models they reference, named and deduplicated."""
    resolver = _Resolver()
    raw: dict[str, TypeSpec | None] = {}
    for key, hints, context, samples in _grouped(requests):
        usable = [s for s in samples if isinstance(s, _JSON_TYPES)]
        if not usable:
            raw[key] = None
            continue
        shape = _Shape()
        for sample in usable:
            _observe(shape, sample)
        found: list[_Found] = []
        raw[key] = resolver.resolve(shape, "", False, found, root=True)
        for model, _, element in found:
            resolver.add_root_use(model, hints, element, context)
    names = _names(resolver)
    types = {key: None if spec is None else _named(spec, names) for key, spec in raw.items()}
    models = tuple(
        _model(names[i], resolver.structures[i], names, i in resolver.maps)
        for i in _dependency_order(resolver, raw)
    )
    return InferResult(types=types, models=models)


def _grouped(requests: Sequence[TypeRequest]) -> list[tuple[str, tuple[str, ...], str, list[object]]]:
    """Requests in order; requests sharing a key pool their samples under the first one's hints."""
    groups: dict[str, tuple[TypeRequest, list[object]]] = {}
    for request in requests:
        groups.setdefault(request.key, (request, []))[1].extend(request.samples)
    return [(key, first.hint, first.context, samples) for key, (first, samples) in groups.items()]


def _names(resolver: _Resolver) -> list[ClassName]:
    """Name models tier by tier (roots, then breadth-first), so a model's parent is named before it."""
    children: list[list[int]] = [[] for _ in resolver.structures]
    for child, parents in enumerate(resolver.uses):
        for parent, _, _ in parents:
            if child not in children[parent]:
                children[parent].append(child)
    names: list[ClassName | None] = [None] * len(resolver.structures)
    # Where each named model sits below its root (words of the keys on the way), for collision context.
    contexts: list[tuple[str, ...]] = [()] * len(resolver.structures)
    scope = naming.model_scope()
    tier = list(resolver.roots)
    seen = set(tier)
    while tier:
        wants = []
        for i in tier:
            roots = resolver.root_uses[i]
            uses = [naming.ModelUse(None, "", hints, element) for hints, element, _ in roots]
            for parent, key, element in resolver.uses[i]:
                parent_name = names[parent]
                if parent_name is not None:
                    uses.append(naming.ModelUse(parent_name, key, (), element, contexts[parent]))
            if roots:  # the first use site's resource, where it has one
                contexts[i] = next(((naming.pascal(c),) for _, _, c in roots if naming.pascal(c)), ())
            else:
                first = uses[0]
                contexts[i] = (*first.context, naming.model_word(first.key, first.element))[-MAX_CONTEXT:]
            count = len(resolver.root_uses[i]) + len(resolver.uses[i])
            wants.append(naming.NameWant(naming.model_name_candidates(uses), count))
        for i, name in zip(tier, naming.assign_class_names(wants, scope), strict=True):
            names[i] = name
        next_tier: list[int] = []
        for i in tier:
            for child in children[i]:
                if child not in seen:
                    seen.add(child)
                    next_tier.append(child)
        tier = next_tier
    assert all(name is not None for name in names), "every model is reachable from a use site"
    return [ClassName(name or "") for name in names]


def _dependency_order(resolver: _Resolver, roots: Mapping[str, TypeSpec | None]) -> list[int]:
    """Every model after the models it references: depth-first from the use sites, in order."""
    order: list[int] = []
    done: set[int] = set()

    def visit(spec: TypeSpec) -> None:
        for ref in _refs(spec):
            model = int(ref[1:])
            if model not in done:
                done.add(model)
                for _, field_spec, _ in resolver.structures[model]:
                    visit(field_spec)
                order.append(model)

    for spec in roots.values():
        if spec is not None:
            visit(spec)
    return order


def _refs(spec: TypeSpec) -> list[str]:
    if isinstance(spec, ModelRef):
        return [spec.name]
    if isinstance(spec, (ListOf, DictOf)):
        return _refs(spec.item if isinstance(spec, ListOf) else spec.value)
    if isinstance(spec, Nullable):
        return _refs(spec.inner)
    if isinstance(spec, UnionOf):
        return [ref for option in spec.options for ref in _refs(option)]
    return []


def _named(spec: TypeSpec, names: Sequence[ClassName]) -> TypeSpec:
    """``spec`` with model ids replaced by model names."""
    if isinstance(spec, ModelRef):
        return ModelRef(names[int(spec.name[1:])])
    if isinstance(spec, ListOf):
        return ListOf(_named(spec.item, names))
    if isinstance(spec, DictOf):
        return DictOf(_named(spec.value, names))
    if isinstance(spec, Nullable):
        return Nullable(_named(spec.inner, names))
    if isinstance(spec, UnionOf):
        return UnionOf(tuple(_named(option, names) for option in spec.options))
    return spec


def _model(name: ClassName, structure: _Structure, names: Sequence[ClassName], is_map: bool) -> Model:
    if is_map:
        return Model(name=name, fields=(), values=_named(structure[0][1], names))
    py_names = naming.field_names([wire for wire, _, _ in structure])
    fields = tuple(
        ModelField(py_name=py, wire_name=wire, type=_named(spec, names), required=required)
        for py, (wire, spec, required) in zip(py_names, structure, strict=True)
    )
    return Model(name=name, fields=fields)

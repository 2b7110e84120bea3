"""Type specs -> code text: annotations, converter expressions, and the context of ``models.py.jinja``.

Every code-text decision about types and models is made here, in Python; the template only loops.
Identifiers come from ``generator.naming`` (checked again here), wire names reach code only through
``py_literal`` and descriptions only through ``docstring``.
"""

from __future__ import annotations

import keyword
from collections.abc import Sequence
from typing import TypeGuard

from generator import layout, naming
from generator.literals import docstring, py_literal
from generator.model import DictOf, ListOf, Model, ModelField, ModelRef, Nullable, Prim, TypeSpec, UnionOf

_ANNOTATIONS = {"str": "str", "int": "int", "float": "float", "bool": "bool", "none": "None"}
_KINDS = ("str", "int", "float", "bool", "any", "none")
_CONVERTERS = {kind: "as_json" if kind == "any" else f"as_{kind}" for kind in _KINDS}
_SCALARS = frozenset(_CONVERTERS)
# Scalars whose type ``_fast`` checks inline before calling their converter (a call costs more than the check)
_CHECKED_INLINE = frozenset({"str", "int", "float", "bool"})
# Public names of the generated module besides its models, in the order ``__all__`` lists them.
HELPERS = (
    "JSON", "UNSET", "FieldReader", "Model", "ShapeError", "Unset",
    "as_bool", "as_float", "as_int", "as_json", "as_none", "as_str",
    "dict_of", "list_of", "nullable", "to_json", "union_of",
)


def annotation(t: TypeSpec | None, *, prefix: str = "") -> str:
    """The annotation for values of ``t``, e.g. ``list[models.Item]`` with ``prefix="models."``."""
    if t is None:
        return "None"
    if isinstance(t, Prim):
        return prefix + "JSON" if t.kind == "any" else _ANNOTATIONS[t.kind]
    if isinstance(t, ListOf):
        return f"list[{annotation(t.item, prefix=prefix)}]"
    if isinstance(t, DictOf):
        return f"dict[str, {annotation(t.value, prefix=prefix)}]"
    if isinstance(t, ModelRef):
        return prefix + _checked_class(t.name)
    if isinstance(t, UnionOf):
        return " | ".join(annotation(option, prefix=prefix) for option in t.options)
    inner = annotation(t.inner, prefix=prefix)
    return inner if _admits_null(t.inner) else f"{inner} | None"


def optional_annotation(t: TypeSpec, *, prefix: str = "") -> str:
    """The annotation for values of ``t`` or None (an argument left out)."""
    text = annotation(t, prefix=prefix)
    return text if _admits_null(t) else f"{text} | None"


def converter(t: TypeSpec | None, *, prefix: str = "") -> str:
    """An expression for a ``Callable[[object], <annotation>]`` that checks and converts parsed JSON."""
    if t is None:
        return prefix + "as_none"
    if isinstance(t, Prim):
        return prefix + _CONVERTERS[t.kind]
    if isinstance(t, ListOf):
        return f"{prefix}list_of({converter(t.item, prefix=prefix)})"
    if isinstance(t, DictOf):
        return f"{prefix}dict_of({converter(t.value, prefix=prefix)})"
    if isinstance(t, ModelRef):
        return f"{prefix}{_checked_class(t.name)}.from_json"
    if isinstance(t, UnionOf):
        return _union_converter([converter(option, prefix=prefix) for option in t.options], prefix)
    if _admits_null(t.inner):
        return converter(t.inner, prefix=prefix)
    return f"{prefix}nullable({converter(t.inner, prefix=prefix)})"


def fast_converter(t: TypeSpec | None, value: str, depth: int = 0) -> str:
    """An expression converting ``value`` (an expression) in a model's ``_fast``: like ``converter``'s but
    straight-line, for speed: a scalar's type checked inline (its converter, which raises, called only when
    the check fails), nested models by their ``_fast``, lists and maps by comprehensions (a name for each
    level of nesting). A mismatch raises without noting where; ``from_dict`` then reads carefully."""
    conditional = _fast_conditional(t, value, depth)
    if conditional is not None:
        return "{} if {} else {}".format(*conditional)
    head, body, tail = _fast_parts(t, value, depth)
    return head + " ".join(body) + tail


def _fast_conditional(t: TypeSpec | None, value: str, depth: int) -> tuple[str, str, str] | None:
    """``fast_converter``'s expression when it is a conditional, as its value, test and other value: for a
    scalar (``value if type(value) is str else as_str(value)``: a value of exactly the type is what the
    converter returns) and for a nullable value; None for other types. ``value`` is read once: when it is
    not a name, the statement's one assignment expression names it."""
    if isinstance(t, Prim) and t.kind in _CHECKED_INLINE:
        named, read = (value, value) if value.isidentifier() else ("value", f"value := {value}")
        return named, f"type({read}) is {t.kind}", f"{converter(t)}({named})"
    if not _tests_null(t):
        return None
    named, read = (value, value) if value.isidentifier() else ("value", f"(value := {value})")
    inner = fast_converter(t.inner, named, depth)
    if _fast_conditional(t.inner, named, depth) is not None:
        inner = f"({inner})"  # black keeps these parentheses, and the reader needs them
    return "None", f"{read} is None", inner


def _fast_parts(t: TypeSpec | None, value: str, depth: int) -> tuple[str, list[str], str]:
    """``fast_converter``'s expression for a ``t`` that is not a conditional, cut where black splits it:
    before and after the body of its last brackets (a call's argument; a comprehension's element and its
    ``for``, two parts). A list or map of unions is converted by ``converter``'s closure, made once, rather
    than a closure per item."""
    if isinstance(t, Nullable):  # a JSON value, which null already is
        return _fast_parts(t.inner, value, depth)
    if isinstance(t, ModelRef):
        return f"{_checked_class(t.name)}._fast(", [f"_json_object({value})"], ")"
    item = "item" if depth == 0 else f"item_{depth + 1}"
    if isinstance(t, ListOf) and not _holds_union(t):
        return "[", [fast_converter(t.item, item, depth + 1), f"for {item} in _json_list({value})"], "]"
    if isinstance(t, DictOf) and not _holds_union(t):
        key = "key" if depth == 0 else f"key_{depth + 1}"
        element = f"{key}: {fast_converter(t.value, item, depth + 1)}"
        return "{", [element, f"for {key}, {item} in _as_object({value}).items()"], "}"
    return f"{converter(t)}(", [value], ")"


def _tests_null(t: TypeSpec | None) -> TypeGuard[Nullable]:
    """Whether ``t`` is nullable and its inner type does not admit null (its fast expression tests for
    null)."""
    return isinstance(t, Nullable) and not _admits_null(t.inner)


def _holds_union(t: TypeSpec) -> bool:
    """Whether the items of a list or map (or theirs, and so on) are a union."""
    while isinstance(t, (ListOf, DictOf, Nullable)):
        t = t.item if isinstance(t, ListOf) else t.value if isinstance(t, DictOf) else t.inner
    return isinstance(t, UnionOf)


def _union_converter(options: list[str], prefix: str) -> str:
    # ``union_of`` is typed for 2 to 5 options (a JSON value has at most five non-null kinds); nest beyond.
    if not options:
        raise ValueError("a union needs at least one option")
    if len(options) == 1:
        return options[0]
    if len(options) > 5:
        options = [*options[:4], _union_converter(options[4:], prefix)]
    return f"{prefix}union_of({', '.join(options)})"


def _admits_null(t: TypeSpec) -> bool:
    return isinstance(t, Nullable) or (isinstance(t, Prim) and t.kind in ("any", "none"))


def _is_plain(t: TypeSpec) -> bool:
    """True when a value of ``t`` is already JSON as it is (scalars, and unions or nullables of them)."""
    if isinstance(t, Prim):
        return t.kind in _SCALARS
    if isinstance(t, UnionOf):
        return all(_is_plain(option) for option in t.options)
    if isinstance(t, Nullable):
        return _is_plain(t.inner)
    return False


def _to_json(t: TypeSpec, value: str) -> str:
    """An expression turning ``value`` (of type ``t``) back into JSON."""
    if _is_plain(t):
        return value
    if isinstance(t, ModelRef):
        return f"{value}.to_dict()"
    return f"to_json({value})"


# Defence in depth: names should come from ``generator.naming``, but a bad one must never become code.
def _checked_class(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name) or not name[:1].isupper():
        raise ValueError(f"not a class name made by generator.naming: {name!r}")
    return name


def _checked_field(name: str) -> str:
    bad = keyword.iskeyword(name) or name.startswith("_") or name in naming.MODEL_FIELD_RESERVED
    if bad or not name.isidentifier():
        raise ValueError(f"not a field name made by generator.naming: {name!r}")
    return name


def _field_context(field: ModelField) -> dict[str, object]:
    name = _checked_field(field.py_name)
    attribute = f"self.{name}"
    wire = py_literal(field.wire_name)
    spec_text = annotation(field.type)
    if field.required:
        presence, default, read, condition, written = "required", "", "required", "", field.type
    elif _admits_null(field.type):
        # null is a value here, so absence needs its own marker
        presence, default, read = "unset", " = UNSET", "optional_or_unset"
        condition, written = f"not isinstance({attribute}, Unset)", field.type
        spec_text += " | Unset"
    else:
        presence, default, read = "optional", " = None", "optional"
        condition, written = f"{attribute} is not None", field.type
        spec_text += " | None"
    return {
        "name": name,
        "wire": wire,
        "presence": presence,
        "declaration": f"{name}: {spec_text}{default}",
        "read": layout.keyword_argument(name, f"read.{read}", f"{wire}, {converter(field.type)}", 12),
        "fast": _fast_read(name, wire, field.type, presence),
        "condition": condition,
        "value": _to_json(written, attribute),
    }


def _fast_read(name: str, wire: str, t: TypeSpec, presence: str) -> str:
    """The statement of ``_fast`` that sets a field: a missing required key is a ``KeyError``."""
    target, value, indent = f"self.{name}", f"data[{wire}]", layout.METHOD_INDENT
    conditional = _fast_conditional(t, value, 0)
    if presence != "required":
        read = fast_converter(t, value)
        absent = "None" if presence == "optional" else "UNSET"
        read = f"({read})" if conditional is not None else read  # a conditional of its own, inside this one
        return layout.conditional_assignment(target, read, f"{wire} in data", absent, indent)
    if conditional is not None:
        return layout.conditional_assignment(target, *conditional, indent)
    return layout.bracketed_statement(f"{target} = ", *_fast_parts(t, value, 0), indent)


_EXTRA_FIELDS_PARAM = "extra_fields: dict[str, JSON] | None = None"


def _init_context(fields: list[dict[str, object]], map_annotation: str | None) -> dict[str, object]:
    """The model's ``__init__``: keyword-only, a parameter per field (defaults as declared), or ``values``
    for a map model, then ``extra_fields``. Its first parameter is ``_self`` when a field is named ``self``
    (no field name starts with an underscore)."""
    me = "_self" if any(f["name"] == "self" for f in fields) else "self"
    if map_annotation is not None:
        params = [f"values: {map_annotation} | None = None"]
    else:
        params = [str(f["declaration"]) for f in fields]
    return {
        "self": me,
        "signature": layout.parameter_list("__init__", [me, "*", *params, _EXTRA_FIELDS_PARAM], "None", 4),
    }


def _model_context(model: Model) -> dict[str, object]:
    fields = [_field_context(field) for field in model.fields]
    leading = 0
    while leading < len(fields) and fields[leading]["presence"] == "required":
        leading += 1
    values = model.values
    map_annotation = None if values is None else f"dict[str, {annotation(values)}]"
    return {
        "name": _checked_class(model.name),
        "fast": layout.signature("_fast", "cls, data: Mapping[str, object]", model.name, 4),
        "read": layout.signature("_read", "cls, data: Mapping[str, object]", model.name, 4),
        "wire_names": layout.class_constant(
            "_wire_names: ClassVar[frozenset[str]]", "frozenset", [str(f["wire"]) for f in fields], 4
        ),
        "doc": layout.docstring_block(docstring(model.description), 4) if model.description.strip() else "",
        "init": _init_context(fields, map_annotation),
        "map": (
            None
            if values is None
            else {
                "annotation": map_annotation,
                "read": f"dict_of({converter(values)})",
                "fast": layout.bracketed_statement(
                    "return ",
                    "cls(",
                    [f"values={fast_converter(DictOf(values), 'data')}"],
                    ")",
                    layout.METHOD_INDENT,
                ),
                "value": _to_json(values, "value"),
            }
        ),
        "fields": fields,
        "literal_fields": fields[:leading],  # written in the dict literal that starts ``to_dict``
        "later_fields": fields[leading:],  # written one by one after it, in wire order
    }


def models_context(models: Sequence[Model]) -> dict[str, object]:
    """Everything ``templates/sdk/models.py.jinja`` needs."""
    names = [model.name for model in models]
    if len(set(names)) != len(names):
        raise ValueError("model names must be distinct")
    reserved = sorted(set(names) & (naming.BUILTINS | naming.MODELS_MODULE_RESERVED))
    if reserved:
        raise ValueError(f"model names the models module uses for itself: {reserved}")
    for model in models:
        if model.values is not None and model.fields:
            raise ValueError(f"{model.name}: a map model has no fields")
        if len({f.py_name for f in model.fields}) != len(model.fields):
            raise ValueError(f"{model.name}: field names must be distinct")
        if len({f.wire_name for f in model.fields}) != len(model.fields):
            raise ValueError(f"{model.name}: wire names must be distinct")
    return {
        "models": [_model_context(model) for model in models],
        "exports": [*HELPERS, *sorted(names)],
    }

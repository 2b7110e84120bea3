"""Models of the create_volume_group_backup API, inferred from the collection's examples, and their JSON converters.

``SomeModel.from_json(value)`` checks a parsed JSON value and builds the model; ``model.to_dict()`` gives
the same JSON back, including keys the examples did not show (kept in ``extra_fields``). An optional field
that is absent is ``None``, or ``UNSET`` where null is one of its values. A value of the wrong shape raises
``ShapeError`` naming where it is, like ``$.items[0].id``. ``to_json`` turns models (or lists and dicts of
them) back into plain JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from typing import ClassVar, TypeAlias, TypeVar, cast, overload

__all__ = [
    "JSON",
    "UNSET",
    "FieldReader",
    "Model",
    "ShapeError",
    "Unset",
    "as_bool",
    "as_float",
    "as_int",
    "as_json",
    "as_none",
    "as_str",
    "dict_of",
    "list_of",
    "nullable",
    "to_json",
    "union_of",
    "CreateVolumeGroupBackupDetails",
    "Error",
    "VolumeGroupBackup",
]

JSON: TypeAlias = str | int | float | bool | None | list["JSON"] | dict[str, "JSON"]

_T = TypeVar("_T")
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")
_M = TypeVar("_M", bound="Model")


class ShapeError(TypeError, ValueError):
    """A JSON value does not have the shape a model expects.

    ``path`` leads from the converted value to the problem: ``("items", 0, "id")`` is ``$.items[0].id``.
    """

    def __init__(self, problem: str, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(problem, path)
        self.problem = problem
        self.path = path

    def __str__(self) -> str:
        steps = (f"[{step}]" if isinstance(step, int) else _member(step) for step in self.path)
        return f"${''.join(steps)}: {self.problem}"

    def inside(self, step: str | int) -> ShapeError:
        """The same problem, seen from one level further out."""
        return ShapeError(self.problem, (step, *self.path))


def _member(key: str) -> str:
    return f".{key}" if key.isidentifier() else f"[{key!r}]"


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__} (not JSON)"


def _expected(kind: str, value: object) -> ShapeError:
    return ShapeError(f"expected {kind}, got {_describe(value)}")


def _at(step: str | int, convert: Callable[[object], _T], value: object) -> _T:
    """``convert(value)``, with ``step`` prefixed to the path of any ``ShapeError``."""
    try:
        return convert(value)
    except ShapeError as error:
        raise error.inside(step) from None


def _as_object(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise _expected("an object", value)
    for key in value:
        if not isinstance(key, str):
            raise ShapeError(f"expected string keys, got {_describe(key)}")
    return value


class Unset:
    """The type of ``UNSET``: a field that may be null was absent from the JSON."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET = Unset()


class FieldReader:
    """Reads the fields of one JSON object for ``from_dict``; ``rest()`` gives the keys it did not read."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self._data = data
        self._read: set[str] = set()

    def required(self, key: str, convert: Callable[[object], _T]) -> _T:
        self._read.add(key)
        if key not in self._data:
            raise ShapeError("required field is missing", (key,))
        return _at(key, convert, self._data[key])

    def optional(self, key: str, convert: Callable[[object], _T]) -> _T | None:
        self._read.add(key)
        return _at(key, convert, self._data[key]) if key in self._data else None

    def optional_or_unset(self, key: str, convert: Callable[[object], _T]) -> _T | Unset:
        self._read.add(key)
        return _at(key, convert, self._data[key]) if key in self._data else UNSET

    def rest(self) -> dict[str, JSON]:
        data = self._data.items()
        return {_string_key(key): _at(key, as_json, value) for key, value in data if key not in self._read}


# Conversion is optimistic: a model is read by its straight-line ``_fast`` (the models it holds by theirs;
# ``value if type(value) is str else as_str(value)`` checks a scalar without a call, the converter raising
# for any other value), a list's items are converted, without noting where each value is; only when that
# fails is the value converted again, carefully (one step at a time, each error naming its path). Careful
# mode holds for everything inside, so no value is converted more than twice per level of nesting above the
# error.
_CAREFUL: ContextVar[bool] = ContextVar("_CAREFUL", default=False)


def _carefully(convert: Callable[[], _T]) -> _T:
    token = _CAREFUL.set(True)
    try:
        return convert()
    finally:
        _CAREFUL.reset(token)


def _extra_fields(data: Mapping[str, object], known: frozenset[str]) -> dict[str, JSON]:
    """The keys of ``data`` a model has no field for, checked as JSON."""
    extra = data.keys() - known
    return {_string_key(key): as_json(value) for key, value in data.items() if key in extra}


def _json_list(value: object) -> list[object]:
    """A JSON array, for the comprehensions of ``_fast``."""
    if isinstance(value, list):
        return value
    raise _expected("an array", value)


def _json_object(value: object) -> Mapping[str, object]:
    """A JSON object, for a model's ``_fast`` (keys that are not strings fail as extra fields)."""
    if isinstance(value, dict):
        return value
    raise _expected("an object", value)


def _string_key(key: object) -> str:
    if not isinstance(key, str):
        raise ShapeError(f"expected string keys, got {_describe(key)}")
    return key


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Model:
    """Base of every model: JSON in (``from_json``, ``from_dict``) and out (``to_dict``).

    ``extra_fields`` keeps the keys the examples did not show, so they survive a round trip; a model read from
    JSON also keeps its keys' order, so ``to_dict`` writes them back in that order.

    Models are dataclasses (``dataclasses.fields``, ``replace`` and ``asdict`` work) whose ``__init__`` is
    written out and whose ``__repr__`` and ``__eq__`` are these, shared: a dataclass that generates its own
    costs ~0.4 ms to define, which a module of thousands of models pays on import.

    ``from_dict`` reads a model with its ``_fast``, which sets the attributes ``__init__`` would set without
    calling it (as ``copy`` and ``pickle`` do; a keyword call costs more than the rest of a small model's
    reading), and only when that fails with its ``_read``, field by field.
    """

    extra_fields: dict[str, JSON] = field(default_factory=dict)
    # The order read, kept per instance by ``_fast`` and ``_read_from``. No annotation: not a dataclass
    # field, so no part of __init__, equality, repr, fields() or asdict().
    _keys = cast("tuple[str, ...]", ())
    # Whether ``_fast`` may build this class without calling its ``__init__``: true of the models of this
    # module, and of a subclass that keeps the ``__init__`` of its base.
    _direct: ClassVar[bool] = True
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as a dataclass with eq

    def __init__(self, *, extra_fields: dict[str, JSON] | None = None) -> None:
        self.extra_fields = {} if extra_fields is None else extra_fields

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._direct = cls.__module__ == __name__ or ("__init__" not in vars(cls) and cls._direct)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, object]) -> _M:
        """A model from a parsed JSON object; raises ``ShapeError`` when a field has the wrong shape."""
        if cls._direct and not _CAREFUL.get():
            try:
                return cls._fast(data)
            except (KeyError, ShapeError):
                pass
        return _carefully(lambda: cls._read(data))

    @classmethod
    def _fast(cls: type[_M], data: Mapping[str, object]) -> _M:
        """``from_dict`` when every value has the expected shape: a mismatch raises ``KeyError`` or
        ``ShapeError`` without saying where, and ``from_dict`` reads again with ``_read``."""
        return cls._read(data)

    @classmethod
    def _read(cls: type[_M], data: Mapping[str, object]) -> _M:
        """``from_dict`` field by field: the error names the field at fault."""
        return cls(extra_fields=FieldReader(data).rest())._read_from(data)

    @classmethod
    def from_json(cls: type[_M], value: object) -> _M:
        """A model from any parsed JSON value, which must be an object."""
        if not isinstance(value, dict):
            raise _expected("an object", value)
        return cls.from_dict(value)  # a key that is not a string fails where fields are matched to keys

    def to_dict(self) -> dict[str, JSON]:
        """The JSON object this model stands for."""
        return dict(self.extra_fields)

    def _read_from(self: _M, data: Mapping[str, object]) -> _M:
        self._keys = tuple(data)
        return self

    def _with_extra_fields(self, data: dict[str, JSON]) -> dict[str, JSON]:
        for key, value in self.extra_fields.items():
            data.setdefault(key, value)
        keys = self._keys
        if not keys or keys == tuple(data):
            return data
        ordered = {key: data[key] for key in keys if key in data}
        ordered.update(data)  # keys set since the model was read go last
        return ordered


def _values(model: Model) -> tuple[object, ...]:
    return tuple(getattr(model, f.name) for f in fields(model))


def to_json(value: object) -> JSON:
    """Plain JSON for a model, a JSON value, or lists and dicts holding models (containers are copied)."""
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {as_str(key): to_json(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")


def as_str(value: object) -> str:
    """A JSON string."""
    if isinstance(value, str):
        return value
    raise _expected("a string", value)


def as_int(value: object) -> int:
    """A JSON integer (never a boolean)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _expected("an integer", value)


def as_float(value: object) -> float:
    """A JSON number; an integer stays an ``int``, so it is written back as it came."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise _expected("a number", value)


def as_bool(value: object) -> bool:
    """A JSON boolean."""
    if isinstance(value, bool):
        return value
    raise _expected("a boolean", value)


def as_none(value: object) -> None:
    """A JSON null."""
    if value is not None:
        raise _expected("null", value)


def as_json(value: object) -> JSON:
    """Any JSON value, checked all the way down (without recursion, so depth is no limit)."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, list):
            stack.extend(((*path, index), element) for index, element in enumerate(item))
        elif isinstance(item, dict):
            for key, element in item.items():
                if not isinstance(key, str):
                    raise ShapeError(f"expected string keys, got {_describe(key)}", path)
                stack.append(((*path, key), element))
        elif not (item is None or isinstance(item, (str, int, float, bool))):
            raise ShapeError(f"expected a JSON value, got {_describe(item)}", path)
    return cast(JSON, value)


def list_of(item: Callable[[object], _T]) -> Callable[[object], list[_T]]:
    """A converter for JSON arrays whose items ``item`` converts."""

    def convert(value: object) -> list[_T]:
        if not isinstance(value, list):
            raise _expected("an array", value)
        if not _CAREFUL.get():
            try:
                return [item(element) for element in value]
            except ShapeError:
                pass
        return _carefully(lambda: [_at(index, item, element) for index, element in enumerate(value)])

    return convert


def dict_of(value: Callable[[object], _T]) -> Callable[[object], dict[str, _T]]:
    """A converter for JSON objects used as maps, whose values ``value`` converts."""

    def convert(data: object) -> dict[str, _T]:
        items = _as_object(data).items()
        if not _CAREFUL.get():
            try:
                return {key: value(element) for key, element in items}
            except ShapeError:
                pass
        return _carefully(lambda: {key: _at(key, value, element) for key, element in items})

    return convert


def nullable(inner: Callable[[object], _T]) -> Callable[[object], _T | None]:
    """A converter that passes null through and hands anything else to ``inner``."""

    def convert(value: object) -> _T | None:
        return None if value is None else inner(value)

    return convert


@overload
def union_of(a: Callable[[object], _A], b: Callable[[object], _B], /) -> Callable[[object], _A | _B]: ...


@overload
def union_of(
    a: Callable[[object], _A], b: Callable[[object], _B], c: Callable[[object], _C], /
) -> Callable[[object], _A | _B | _C]: ...


@overload
def union_of(
    a: Callable[[object], _A],
    b: Callable[[object], _B],
    c: Callable[[object], _C],
    d: Callable[[object], _D],
    /,
) -> Callable[[object], _A | _B | _C | _D]: ...


@overload
def union_of(
    a: Callable[[object], _A],
    b: Callable[[object], _B],
    c: Callable[[object], _C],
    d: Callable[[object], _D],
    e: Callable[[object], _E],
    /,
) -> Callable[[object], _A | _B | _C | _D | _E]: ...


def union_of(*options: Callable[[object], object]) -> Callable[[object], object]:
    """A converter for values of several JSON kinds: the first option that accepts the value converts it.

    The options take distinct kinds, so a failure below the top level (a bad item of the one array option,
    say) is the answer and is raised as it is.
    """

    def convert(value: object) -> object:
        problems: list[str] = []
        for option in options:
            try:
                return option(value)
            except ShapeError as error:
                if error.path:
                    raise
                problems.append(error.problem)
        raise ShapeError("; ".join(problems))

    return convert


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class CreateVolumeGroupBackupDetails(Model):
    """A JSON object of the API, as its saved examples show it."""

    volume_group_id: str
    compartment_id: str
    defined_tags: dict[str, JSON]
    display_name: str
    freeform_tags: dict[str, JSON]
    type: str
    _wire_names: ClassVar[frozenset[str]] = frozenset(
        {"volumeGroupId", "compartmentId", "definedTags", "displayName", "freeformTags", "type"}
    )

    def __init__(
        self,
        *,
        volume_group_id: str,
        compartment_id: str,
        defined_tags: dict[str, JSON],
        display_name: str,
        freeform_tags: dict[str, JSON],
        type: str,
        extra_fields: dict[str, JSON] | None = None,
    ) -> None:
        self.volume_group_id = volume_group_id
        self.compartment_id = compartment_id
        self.defined_tags = defined_tags
        self.display_name = display_name
        self.freeform_tags = freeform_tags
        self.type = type
        self.extra_fields = {} if extra_fields is None else extra_fields

    @classmethod
    def _fast(cls, data: Mapping[str, object]) -> CreateVolumeGroupBackupDetails:
        self = object.__new__(cls)
        self.volume_group_id = value if type(value := data["volumeGroupId"]) is str else as_str(value)
        self.compartment_id = value if type(value := data["compartmentId"]) is str else as_str(value)
        self.defined_tags = {key: as_json(item) for key, item in _as_object(data["definedTags"]).items()}
        self.display_name = value if type(value := data["displayName"]) is str else as_str(value)
        self.freeform_tags = {key: as_json(item) for key, item in _as_object(data["freeformTags"]).items()}
        self.type = value if type(value := data["type"]) is str else as_str(value)
        self.extra_fields = {} if data.keys() <= cls._wire_names else _extra_fields(data, cls._wire_names)
        self._keys = tuple(data)
        return self

    @classmethod
    def _read(cls, data: Mapping[str, object]) -> CreateVolumeGroupBackupDetails:
        read = FieldReader(data)
        return cls(
            volume_group_id=read.required("volumeGroupId", as_str),
            compartment_id=read.required("compartmentId", as_str),
            defined_tags=read.required("definedTags", dict_of(as_json)),
            display_name=read.required("displayName", as_str),
            freeform_tags=read.required("freeformTags", dict_of(as_json)),
            type=read.required("type", as_str),
            extra_fields=read.rest(),
        )._read_from(data)

    def to_dict(self) -> dict[str, JSON]:
        data: dict[str, JSON] = {
            "volumeGroupId": self.volume_group_id,
            "compartmentId": self.compartment_id,
            "definedTags": to_json(self.defined_tags),
            "displayName": self.display_name,
            "freeformTags": to_json(self.freeform_tags),
            "type": self.type,
        }
        return self._with_extra_fields(data)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class VolumeGroupBackup(Model):
    """A JSON object of the API, as its saved examples show it."""

    id: str
    volume_backup_ids: list[str]
    display_name: str
    compartment_id: str
    time_created: str
    type: str
    lifecycle_state: str
    defined_tags: dict[str, JSON]
    expiration_time: str
    freeform_tags: dict[str, JSON]
    size_in_gbs: int
    size_in_mbs: int
    source_type: str
    source_volume_group_backup_id: str
    time_request_received: str
    unique_size_in_gbs: int
    unique_size_in_mbs: int
    volume_group_id: str
    _wire_names: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "volumeBackupIds",
            "displayName",
            "compartmentId",
            "timeCreated",
            "type",
            "lifecycleState",
            "definedTags",
            "expirationTime",
            "freeformTags",
            "sizeInGBs",
            "sizeInMBs",
            "sourceType",
            "sourceVolumeGroupBackupId",
            "timeRequestReceived",
            "uniqueSizeInGbs",
            "uniqueSizeInMbs",
            "volumeGroupId",
        }
    )

    def __init__(
        self,
        *,
        id: str,
        volume_backup_ids: list[str],
        display_name: str,
        compartment_id: str,
        time_created: str,
        type: str,
        lifecycle_state: str,
        defined_tags: dict[str, JSON],
        expiration_time: str,
        freeform_tags: dict[str, JSON],
        size_in_gbs: int,
        size_in_mbs: int,
        source_type: str,
        source_volume_group_backup_id: str,
        time_request_received: str,
        unique_size_in_gbs: int,
        unique_size_in_mbs: int,
        volume_group_id: str,
        extra_fields: dict[str, JSON] | None = None,
    ) -> None:
        self.id = id
        self.volume_backup_ids = volume_backup_ids
        self.display_name = display_name
        self.compartment_id = compartment_id
        self.time_created = time_created
        self.type = type
        self.lifecycle_state = lifecycle_state
        self.defined_tags = defined_tags
        self.expiration_time = expiration_time
        self.freeform_tags = freeform_tags
        self.size_in_gbs = size_in_gbs
        self.size_in_mbs = size_in_mbs
        self.source_type = source_type
        self.source_volume_group_backup_id = source_volume_group_backup_id
        self.time_request_received = time_request_received
        self.unique_size_in_gbs = unique_size_in_gbs
        self.unique_size_in_mbs = unique_size_in_mbs
        self.volume_group_id = volume_group_id
        self.extra_fields = {} if extra_fields is None else extra_fields

    @classmethod
    def _fast(cls, data: Mapping[str, object]) -> VolumeGroupBackup:
        self = object.__new__(cls)
        self.id = value if type(value := data["id"]) is str else as_str(value)
        self.volume_backup_ids = [
            item if type(item) is str else as_str(item) for item in _json_list(data["volumeBackupIds"])
        ]
        self.display_name = value if type(value := data["displayName"]) is str else as_str(value)
        self.compartment_id = value if type(value := data["compartmentId"]) is str else as_str(value)
        self.time_created = value if type(value := data["timeCreated"]) is str else as_str(value)
        self.type = value if type(value := data["type"]) is str else as_str(value)
        self.lifecycle_state = value if type(value := data["lifecycleState"]) is str else as_str(value)
        self.defined_tags = {key: as_json(item) for key, item in _as_object(data["definedTags"]).items()}
        self.expiration_time = value if type(value := data["expirationTime"]) is str else as_str(value)
        self.freeform_tags = {key: as_json(item) for key, item in _as_object(data["freeformTags"]).items()}
        self.size_in_gbs = value if type(value := data["sizeInGBs"]) is int else as_int(value)
        self.size_in_mbs = value if type(value := data["sizeInMBs"]) is int else as_int(value)
        self.source_type = value if type(value := data["sourceType"]) is str else as_str(value)
        self.source_volume_group_backup_id = (
            value if type(value := data["sourceVolumeGroupBackupId"]) is str else as_str(value)
        )
        self.time_request_received = (
            value if type(value := data["timeRequestReceived"]) is str else as_str(value)
        )
        self.unique_size_in_gbs = value if type(value := data["uniqueSizeInGbs"]) is int else as_int(value)
        self.unique_size_in_mbs = value if type(value := data["uniqueSizeInMbs"]) is int else as_int(value)
        self.volume_group_id = value if type(value := data["volumeGroupId"]) is str else as_str(value)
        self.extra_fields = {} if data.keys() <= cls._wire_names else _extra_fields(data, cls._wire_names)
        self._keys = tuple(data)
        return self

    @classmethod
    def _read(cls, data: Mapping[str, object]) -> VolumeGroupBackup:
        read = FieldReader(data)
        return cls(
            id=read.required("id", as_str),
            volume_backup_ids=read.required("volumeBackupIds", list_of(as_str)),
            display_name=read.required("displayName", as_str),
            compartment_id=read.required("compartmentId", as_str),
            time_created=read.required("timeCreated", as_str),
            type=read.required("type", as_str),
            lifecycle_state=read.required("lifecycleState", as_str),
            defined_tags=read.required("definedTags", dict_of(as_json)),
            expiration_time=read.required("expirationTime", as_str),
            freeform_tags=read.required("freeformTags", dict_of(as_json)),
            size_in_gbs=read.required("sizeInGBs", as_int),
            size_in_mbs=read.required("sizeInMBs", as_int),
            source_type=read.required("sourceType", as_str),
            source_volume_group_backup_id=read.required("sourceVolumeGroupBackupId", as_str),
            time_request_received=read.required("timeRequestReceived", as_str),
            unique_size_in_gbs=read.required("uniqueSizeInGbs", as_int),
            unique_size_in_mbs=read.required("uniqueSizeInMbs", as_int),
            volume_group_id=read.required("volumeGroupId", as_str),
            extra_fields=read.rest(),
        )._read_from(data)

    def to_dict(self) -> dict[str, JSON]:
        data: dict[str, JSON] = {
            "id": self.id,
            "volumeBackupIds": to_json(self.volume_backup_ids),
            "displayName": self.display_name,
            "compartmentId": self.compartment_id,
            "timeCreated": self.time_created,
            "type": self.type,
            "lifecycleState": self.lifecycle_state,
            "definedTags": to_json(self.defined_tags),
            "expirationTime": self.expiration_time,
            "freeformTags": to_json(self.freeform_tags),
            "sizeInGBs": self.size_in_gbs,
            "sizeInMBs": self.size_in_mbs,
            "sourceType": self.source_type,
            "sourceVolumeGroupBackupId": self.source_volume_group_backup_id,
            "timeRequestReceived": self.time_request_received,
            "uniqueSizeInGbs": self.unique_size_in_gbs,
            "uniqueSizeInMbs": self.unique_size_in_mbs,
            "volumeGroupId": self.volume_group_id,
        }
        return self._with_extra_fields(data)


@dataclass(kw_only=True, init=False, repr=False, eq=False)
class Error(Model):
    """A JSON object of the API, as its saved examples show it."""

    code: str
    message: str
    _wire_names: ClassVar[frozenset[str]] = frozenset({"code", "message"})

    def __init__(self, *, code: str, message: str, extra_fields: dict[str, JSON] | None = None) -> None:
        self.code = code
        self.message = message
        self.extra_fields = {} if extra_fields is None else extra_fields

    @classmethod
    def _fast(cls, data: Mapping[str, object]) -> Error:
        self = object.__new__(cls)
        self.code = value if type(value := data["code"]) is str else as_str(value)
        self.message = value if type(value := data["message"]) is str else as_str(value)
        self.extra_fields = {} if data.keys() <= cls._wire_names else _extra_fields(data, cls._wire_names)
        self._keys = tuple(data)
        return self

    @classmethod
    def _read(cls, data: Mapping[str, object]) -> Error:
        read = FieldReader(data)
        return cls(
            code=read.required("code", as_str),
            message=read.required("message", as_str),
            extra_fields=read.rest(),
        )._read_from(data)

    def to_dict(self) -> dict[str, JSON]:
        data: dict[str, JSON] = {
            "code": self.code,
            "message": self.message,
        }
        return self._with_extra_fields(data)

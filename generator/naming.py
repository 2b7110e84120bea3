"""Wire names -> safe, unique, stable Python identifiers. Every naming decision lives here."""

from __future__ import annotations

import builtins
import functools
import keyword
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model import ClassName, PythonIdentifier
from generator.reserved import IMPORTED_MODULES as IMPORTED_MODULES
from generator.reserved import MODULE_RESERVED as MODULE_RESERVED
from generator.reserved import OPERATION_RESERVED as OPERATION_RESERVED
from generator.reserved import RESOURCE_CLASS_RESERVED as RESOURCE_CLASS_RESERVED
from generator.reserved import RESOURCE_MODULE_RESERVED as RESOURCE_MODULE_RESERVED
from generator.reserved import RESOURCE_RESERVED as RESOURCE_RESERVED
from generator.reserved import STDLIB_MODULES as STDLIB_MODULES

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^A-Za-z0-9]+")

# Fixed sets, not the running interpreter's, so names are the same on every Python the SDK targets.
# Soft keywords (match, case, type, _) are valid identifiers and stay usable.
KEYWORDS = frozenset(keyword.kwlist)
BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_")) | {
    "aiter",
    "anext",
    "EncodingWarning",
    "BaseExceptionGroup",
    "ExceptionGroup",
    "PythonFinalizationError",
}


def words(text: str) -> list[str]:
    """Split any text into ASCII words: camelCase, punctuation, spaces and accents all separate."""
    if not text.isascii():  # accents become their base letters; what has no ASCII form goes
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    spaced = _CAMEL_BOUNDARY.sub(" ", text)
    return [w for w in _NON_WORD.split(spaced) if w]


# The same few names come back again and again in a large collection (``limit``, ``Content-Type``, ...).
@functools.lru_cache(maxsize=1 << 14)
def snake(text: str) -> str:
    return "_".join(w.lower() for w in words(text))


@functools.lru_cache(maxsize=1 << 14)
def pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(text))


# Identifiers also name files (``resources/<group>.py``, ``src/<package>/``): long text is cut, so every
# path stays far below the 255-byte file name limit.
MAX_NAME_LENGTH = 80


def _safe(name: str, fallback: str, avoid: frozenset[str]) -> str:
    name = name[:MAX_NAME_LENGTH].rstrip("_")
    if not name:
        name = fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}" if not fallback[:1].isupper() else f"{fallback}{name}"
    while name in KEYWORDS or name in avoid or name.startswith("__"):
        name = name + "_"
    return name


def identifier(
    text: str, *, fallback: str = "value", avoid: frozenset[str] = frozenset()
) -> PythonIdentifier:
    """A snake_case identifier for any text; keywords, digits and reserved names made safe."""
    return PythonIdentifier(_safe(snake(text), fallback, avoid))


def class_name(text: str, *, fallback: str = "Model") -> ClassName:
    """A PascalCase class name for any text; never a builtin or a name the generated modules use."""
    return ClassName(_safe(pascal(text), fallback, BUILTINS | MODULE_RESERVED))


def package_name(text: str, groups: Iterable[str] = ()) -> PythonIdentifier:
    """A distribution-safe import name: snake_case, never a keyword, builtin or module the SDK imports, nor
    the name of one of its test modules (``test_<group>``, for the top-level ``groups``' names), which
    would shadow the package while its tests run."""
    avoid = BUILTINS | IMPORTED_MODULES | frozenset(f"test_{group}" for group in groups)
    return identifier(text, fallback="api", avoid=avoid)


def distribution_name(package: str) -> str:
    return package.replace("_", "-")


def env_prefix(package: str) -> str:
    return package.upper()


def env_var(package: str, variable: str) -> str:
    """The environment variable a client reads for a Postman variable."""
    return f"{env_prefix(package)}_{snake(variable).upper() or 'VAR'}"


def env_vars(package: str, variables: Sequence[str]) -> list[str]:
    """Distinct environment variables for the given Postman variables, in order (``a-b`` after ``a_b``
    reads ``PKG_A_B2``)."""
    scope = Scope()
    return [scope.claim(env_var(package, variable)) for variable in variables]


def singular(text: str) -> str:
    """A cheap, deterministic singular for array keys (``items`` -> ``item``, ``policies`` -> ``policy``)."""
    lower = text.lower()
    if lower.endswith("ies") and len(text) > 4:
        return text[:-3] + ("Y" if text[-3].isupper() else "y")
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return text[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(text) > 3:
        return text[:-1]
    return text


class Scope:
    """Hands out unique names in one namespace, first come first served, deterministically."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(reserved)

    def claim(self, name: str) -> str:
        candidate, n = name, 2
        while candidate in self._taken:
            candidate = f"{name}_{n}" if not name[:1].isupper() else f"{name}{n}"
            n += 1
        self._taken.add(candidate)
        return candidate

    def identifier(
        self, text: str, *, fallback: str = "value", avoid: frozenset[str] = frozenset()
    ) -> PythonIdentifier:
        return PythonIdentifier(self.claim(identifier(text, fallback=fallback, avoid=avoid)))

    def class_name(self, text: str, *, fallback: str = "Model") -> ClassName:
        return ClassName(self.claim(class_name(text, fallback=fallback)))

    def __contains__(self, name: object) -> bool:
        return name in self._taken


def resource_scope() -> Scope:
    """The namespace of resource class names (one per folder, each with an ``Async`` twin)."""
    return Scope(BUILTINS | RESOURCE_CLASS_RESERVED)


def resource_class_name(scope: Scope, text: str) -> ClassName:
    """A folder's class name whose ``Async`` twin is free too; both are claimed in ``scope``."""
    base = class_name(text, fallback="Resource")
    candidate, n = str(base), 2
    while candidate in scope or f"Async{candidate}" in scope:
        candidate, n = f"{base}{n}", n + 1
    scope.claim(f"Async{candidate}")
    return ClassName(scope.claim(candidate))


# ---------------------------------------------------------------------------------------------------------
# Models inferred from examples: class names and field names.

# Names the generated models module defines or imports besides its models.
MODELS_MODULE_RESERVED = MODULE_RESERVED | frozenset(
    {"Callable", "FieldReader", "Final", "ShapeError", "TypeAlias", "TypeVar", "UNSET", "Union", "Unset"}
)
# A field may not shadow what a model has of its own, nor a name its class body evaluates or annotates with
# (mypy resolves ``str`` in ``x: str`` to a field called ``str`` if there is one).
MODEL_FIELD_RESERVED = frozenset(
    {
        "to_dict",
        "from_dict",
        "from_json",
        "extra_fields",
        "str",
        "int",
        "float",
        "bool",
        "list",
        "dict",
        "object",
        "classmethod",
    }
)


def field_names(wire_names: Sequence[str]) -> list[PythonIdentifier]:
    """Distinct attribute names for one model's wire keys, in the same order.

    A key that is already its own snake_case name keeps it; the others follow in order and take a numeric
    suffix when they collide (``a-b`` after ``a_b`` becomes ``a_b_2``).
    """
    scope = Scope()
    names: list[str] = [""] * len(wire_names)
    exact = [i for i, wire in enumerate(wire_names) if _field_name(wire) == wire]
    exact_set = set(exact)
    for i in [*exact, *(i for i in range(len(wire_names)) if i not in exact_set)]:
        name = _field_name(wire_names[i])
        if name in scope:  # ``from_`` taken: ``from_2``, not ``from__2``
            base, n = name.rstrip("_"), 2
            while f"{base}_{n}" in scope:
                n += 1
            name = f"{base}_{n}"
        names[i] = scope.claim(name)
    return [PythonIdentifier(name) for name in names]


# The plural ``s`` of an acronym (``sizeInGBs``, ``IDs``), so it is not split off as a word of its own.
_ACRONYM_PLURAL = re.compile(r"(?<=[A-Z]{2})s(?![a-z])")


def _field_name(wire: str) -> str:
    return identifier(_ACRONYM_PLURAL.sub("S", wire), fallback="field", avoid=MODEL_FIELD_RESERVED)


def body_field_names(fields: Sequence[str], taken: Iterable[str]) -> list[PythonIdentifier]:
    """Keyword names for the fields of a JSON body (their model attribute names) beside an operation's other
    arguments: a name taken becomes ``body_<name>``, then takes a number."""
    scope = Scope(OPERATION_RESERVED | BUILTINS | set(taken))
    names: list[PythonIdentifier] = []
    for name in fields:
        names.append(PythonIdentifier(scope.claim(name if name not in scope else f"body_{name}")))
    return names


@dataclass(frozen=True)
class ModelUse:
    """One place a model appears: the root of a body (``parent`` None, named by ``hints``) or a field."""

    parent: ClassName | None
    key: str
    hints: tuple[str, ...] = ()
    element: bool = False  # the model is an array item or a map value there, not the value itself
    # Where the parent sits below its root, as the words ``model_word`` gives each step (nearest last).
    context: tuple[str, ...] = ()


def model_word(key: str, element: bool) -> str:
    """The name a model at ``key`` starts from: the key, singular for an array item or a map value."""
    return pascal(singular(key) if element else key) or ("Item" if element else "Value")


def model_name_candidates(uses: Sequence[ModelUse]) -> tuple[str, ...]:
    """Names a model could take, best first: the hints or field names of its uses, then with more context.

    An array item or map value takes the singular of its key (``items`` -> ``Item``); a body that is an array
    takes the singular of its hint (``Volumes`` -> ``Volume``) or the hint plus ``Item``. A hint that cannot
    be a name as it is (``Exception``, ``None``) gets a ``Model`` suffix. A field's model that collides takes
    the words of the fields above it, nearest first (``CustomerInfoContactNumber``), then its parent's name.
    """
    levels: list[list[str]] = [[], []]
    for use in uses:
        if use.parent is None:
            if use.element:
                levels[0].extend(pascal(singular(h)) for h in use.hints if pascal(singular(h)) != pascal(h))
                levels[1].extend(pascal(h) + "Item" for h in use.hints)
            else:
                levels[0].extend(pascal(h) for h in use.hints)
                levels[1].extend(pascal(h) + "Model" for h in use.hints if not _clean_class_name(pascal(h)))
            continue
        base = model_word(use.key, use.element)
        words = [word for word in use.context if word != base]
        names = [base, *("".join(words[-k:]) + base for k in range(1, len(words) + 1)), use.parent + base]
        if not use.key:  # the values of a body that is a map: only the parent says what they are
            names = [use.parent + base]
        for level, name in enumerate(names):
            while len(levels) <= level:
                levels.append([])
            levels[level].append(name)
    return tuple(dict.fromkeys(name for level in levels for name in level if _clean_class_name(name)))


def _clean_class_name(name: str) -> bool:
    """True when ``name`` can be a model's name as it is, with no mangling."""
    if not name.isidentifier() or name in MODELS_MODULE_RESERVED:
        return False
    return class_name(name) == name


@dataclass(frozen=True)
class NameWant:
    """What one model would like to be called, best first, and how often it is used (more uses win ties)."""

    candidates: tuple[str, ...]
    uses: int = 1
    fallback: str = "Payload"


def model_scope() -> Scope:
    """The namespace of class names in a generated models module."""
    return Scope(BUILTINS | MODELS_MODULE_RESERVED)


def assign_class_names(wants: Sequence[NameWant], scope: Scope) -> list[ClassName]:
    """Give every want a distinct class name, deterministically.

    In rounds, each unnamed model proposes its next candidate; a free name goes to the proposer with the most
    uses (then the earliest). A model out of candidates takes its first candidate with a numeric suffix.
    """
    names: list[ClassName | None] = [None] * len(wants)
    pending = list(range(len(wants)))
    depth = 0
    while pending:
        proposals: dict[str, list[int]] = {}
        exhausted: list[int] = []
        for i in pending:
            candidates = wants[i].candidates
            if depth < len(candidates):
                proposals.setdefault(candidates[depth], []).append(i)
            else:
                exhausted.append(i)
        for name, proposers in proposals.items():
            if name in scope:
                continue
            winner = max(proposers, key=lambda i: (wants[i].uses, -i))
            names[winner] = ClassName(scope.claim(name))
        for i in exhausted:
            want = wants[i]
            base = want.candidates[0] if want.candidates else class_name(want.fallback, fallback="Payload")
            names[i] = ClassName(scope.claim(base))
        pending = [i for i in pending if names[i] is None]
        depth += 1
    return [name for name in names if name is not None]

"""Secrets: which saved values are credentials, and the variables that stand in for them in the SDK.

A generated SDK never holds a credential saved in a collection or environment. Each one becomes a Postman
variable the client reads from ``variables=`` or the environment; the registry here names those variables,
remembers where each saved value was (a JSON pointer, for the manifest), and yields one warning per secret.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from generator import naming
from generator.errors import join_pointer
from generator.model import QueryPart, Variable

_VARIABLE = re.compile(r"\{\{[^{}]*\}\}")
# Fragments of a name (lowercased, separators removed) that mark its value as a credential.
SECRET_FRAGMENTS = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "apikey",
    "privatekey",
    "accesskey",
    "consumerkey",
    "subscriptionkey",
    "signingkey",
    "masterkey",
    "authkey",
    "credential",
    "token",
    "signature",
)
# Last words that make a secret-sounding name describe something else (``tokenUrl``, ``signatureMethod``).
NOT_SECRET_TAILS = frozenset(
    {
        "url",
        "uri",
        "endpoint",
        "expiry",
        "expires",
        "expiration",
        "type",
        "name",
        "ttl",
        "lifetime",
        "prefix",
        "length",
        "count",
        "location",
        "header",
        "method",
        "version",
        "algorithm",
        "date",
        "time",
        "policy",
    }
)
# Words that make a ``token`` a cursor or a retry marker rather than a credential.
NOT_SECRET_WORDS = frozenset({"pagination", "next", "page", "continuation", "retry", "idempotency", "sync"})
# Header names whose saved value is a credential, beyond what ``looks_secret`` catches.
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"})
# Query parameter names (lowercased, separators removed) that carry credentials in a URL.
CREDENTIAL_QUERY = frozenset(
    {"apikey", "accesstoken", "authtoken", "clientsecret", "apisecret", "password", "privatekey", "secret"}
)


def _words(name: str) -> list[str]:
    return [w.lower() for w in naming.words(name)]


@functools.lru_cache(maxsize=4096)  # the same header and parameter names come back in every request
def looks_secret(name: str) -> bool:
    """True when a variable, header or parameter name says its value is a credential."""
    words = _words(name)
    if not words:
        return False
    if words in (["key"], ["pwd"], ["pin"]):
        return True
    if words[-1] in NOT_SECRET_TAILS or set(words) & NOT_SECRET_WORDS:
        return False
    compact = "".join(words)
    return any(fragment in compact for fragment in SECRET_FRAGMENTS)


def is_literal(value: str) -> bool:
    """A saved value with text of its own: not empty and not wholly made of ``{{variables}}``."""
    return bool(_VARIABLE.sub("", value).strip())


def header_credential(name: str, value: str, idempotency: bool) -> tuple[str, str] | None:
    """``(prefix, credential)`` when a saved header carries a literal credential, else None.

    ``Authorization: Bearer abc`` keeps its scheme (``Bearer ``) and hides ``abc``; a secret-named header
    (``x-api-key``, ``X-Auth-Token``) hides its whole value. Values built from variables hold no secret.
    """
    lower = name.lower()
    if idempotency or not (lower in CREDENTIAL_HEADERS or looks_secret(name)):
        return None
    text = value.strip()
    if lower.endswith("authorization") and " " in text:
        scheme, _, credential = text.partition(" ")
        prefix = scheme + " "
    else:
        prefix, credential = "", text
    if "{{" in credential or not is_literal(credential):
        return None
    return prefix, credential.strip()


def query_credential(name: str, value: str | None) -> bool:
    """True when a saved query parameter carries a literal credential (``?api_key=abc``)."""
    return (
        value is not None
        and "{{" not in value
        and is_literal(value)
        and "".join(_words(name)) in CREDENTIAL_QUERY
    )


def env_origins(document: object, pairs: Mapping[str, str]) -> dict[str, tuple[str, bool]]:
    """Where each ``--env``/``--var`` value came from, and whether the environment types it ``secret``."""
    origins: dict[str, tuple[str, bool]] = {}
    values = document.get("values") if isinstance(document, Mapping) else None
    for i, entry in enumerate(values if isinstance(values, list) else []):
        if isinstance(entry, Mapping) and isinstance(entry.get("key"), str):
            if entry.get("enabled", True) is not False:
                origins[entry["key"]] = (f"--env#/values/{i}/value", entry.get("type") == "secret")
    origins.update((name, (f"--var#{name}", False)) for name in pairs)
    return origins


def entry_pointers(raw: object, base: str, *, keyed: bool = True) -> Iterator[str]:
    """The JSON pointer of each saved entry's value, in the order ``parse_request`` reads them (entries
    without a ``key`` are skipped when ``keyed``). A header block string or a raw URL has no entries: its
    own pointer then stands for every value."""
    if isinstance(raw, list):
        for i, entry in enumerate(raw):
            if isinstance(entry, Mapping) and (not keyed or entry.get("key") is not None):
                yield join_pointer(base, i, "value")
    while True:
        yield base


def hide_query_secrets(
    query: tuple[QueryPart, ...], raw_url: object, request_pointer: str, secrets: Secrets
) -> tuple[QueryPart, ...]:
    """The saved query with literal credentials (``?api_key=abc``) replaced by variables."""
    raw = raw_url.get("query") if isinstance(raw_url, Mapping) else None
    base = join_pointer(request_pointer, "url", *(["query"] if isinstance(raw, list) else []))
    out = []
    for q, saved_at in zip(query, entry_pointers(raw, base, keyed=False), strict=False):
        if q.value is not None and query_credential(q.key, q.value):
            q = replace(q, value=secrets.template(q.key, q.value, saved_at))
        out.append(q)
    return tuple(out)


@dataclass
class Secrets:
    """The variables standing in for saved secrets: name -> (JSON pointer of the saved value, value).

    ``reserved`` holds the collection's own non-secret variable names, which a stand-in must not take.
    """

    reserved: set[str] = field(default_factory=set)
    found: dict[str, tuple[str, str]] = field(default_factory=dict)

    def declare(self, variable: str, value: str, source: str, *, replace: bool = False) -> None:
        """A secret variable of the collection or environment, kept under its own name (``replace``: a
        ``--env``/``--var`` value given for it wins over the collection's)."""
        if value and (replace or variable not in self.found):
            self.found[variable] = (source, value)

    def stand_in(self, hint: str, value: str, source: str) -> str:
        """The variable for a literal secret: one already holding the same value, else a new name."""
        for variable, (_, saved) in self.found.items():
            if saved == value:
                return variable
        base = naming.snake(hint) or "secret"
        name, n = base, 1
        while name in self.found or name in self.reserved:
            n += 1
            name = f"{base}_{n}"
        self.found[name] = (source, value)
        return name

    def template(self, hint: str, value: str, source: str) -> str:
        return "{{" + self.stand_in(hint, value, source) + "}}"

    def hide_shared_values(self, variables: tuple[Variable, ...]) -> tuple[Variable, ...]:
        """Variables saved with a secret's value become secrets too: one value cannot be both."""
        values = {value for _, value in self.found.values()}
        out = []
        for v in variables:
            if v.default and v.default in values:
                self.declare(v.name, v.default, v.source)
                v = replace(v, default=None, secret=True)
            out.append(v)
        return tuple(out)

    def sources(self) -> tuple[tuple[str, str], ...]:
        """``(variable, source)`` pairs, sorted: the manifest's ``secrets``."""
        return tuple(sorted((name, source) for name, (source, _) in self.found.items()))

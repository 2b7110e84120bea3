"""The referee: newman and the generated SDK send every saved request of a collection to the same echo server;
each request pair is compared (``compare``) and a collection scores the share of its requests that match.

Variables: both sides get the same values. Collection variables and ``--env`` files are read by newman
natively and baked into the SDK as generation-time defaults (``--env`` goes to the generator too). A variable
with no value anywhere (one a request names, or one named inside another's value, like ``{{region}}`` in a
``baseUrl``) gets a placeholder, unless the target leaves it unset on purpose, and a secret the generator
keeps out of the SDK gets its saved value, passed to newman with ``--env-var`` and to the SDK with
``Client(variables=...)``. Postman's dynamic variables (``{{$guid}}``...) are pinned the same way to one value
per name, so the rest of each request compares exactly; ``test_dynamic_variables`` checks the values both
sides make when they are not pinned.

Clock and nonce: signatures made from the time and a random nonce (AWS SigV4, OAuth 1, Hawk, EdgeGrid) compare
exactly because both sides are pinned to the same moment and nonce: newman's ``Date`` and its OAuth 1, Hawk
and EdgeGrid nonces inside its process (``newman_batch.js``), the SDK's signers through their clock and nonce
parameters (``pin_sdk_clock``).
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote

import httpx

from conformance import newman_run
from conformance.compare import differences
from conformance.echo import EchoServer, EchoTransport, Recorded
from generator import load
from generator.cli import read_env_file
from generator.model import Api, Operation
from generator.naming import snake
from generator.parse import parse
from generator.parse_request import parse_headers
from generator.pipeline import Generated, generate
from generator.secrets import header_credential

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REAL = SHARED / "collections" / "real"
DYNAMIC_NAME = re.compile(r"\{\{(\$[A-Za-z]+)\}\}")
VARIABLE_NAME = re.compile(r"\{\{([^{}]*?)\}\}")  # as Postman reads names: "{{ a }}" names " a "
PLACEHOLDER_BASE = "https://api.conformance.test"
PINNED_CLOCK = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
PINNED_NONCE = "pinnedNonce"
# Fixture variables left without a value on purpose (they show the "unresolved variable" difference).
UNSET = {"differences": (" page ", "undefinedVar")}


@dataclass(frozen=True)
class Target:
    """A collection to referee, with the environment file newman and the generator both get."""

    name: str
    path: Path
    environment: Path | None = None
    unset: tuple[str, ...] = ()

    @property
    def package(self) -> str:
        return "conf_" + re.sub(r"[^a-z0-9]+", "_", self.name.lower()).strip("_")


@dataclass
class RequestResult:
    pointer: str
    operation: str
    differences: list[str]
    on_purpose: str | None = None

    @property
    def conforms(self) -> bool:
        """Matches newman, or differs only as the README's "Differences from newman" says."""
        return not self.differences or self.on_purpose is not None


@dataclass
class Report:
    target: Target
    results: list[RequestResult] = field(default_factory=list)
    fatal: str | None = None

    @property
    def matched(self) -> int:
        return sum(1 for r in self.results if not r.differences)

    @property
    def on_purpose(self) -> int:
        return sum(1 for r in self.results if r.differences and r.on_purpose)

    @property
    def percent(self) -> float:
        """Share of requests that conform: identical to newman's, or different only on purpose."""
        if not self.results:
            return 0.0 if self.fatal else 100.0
        return 100.0 * (self.matched + self.on_purpose) / len(self.results)

    def summary(self, verbose: bool = True) -> str:
        lines = [
            f"{self.target.name}: {self.percent:.1f}% conform ({self.matched}/{len(self.results)} identical, "
            f"{self.on_purpose} differ on purpose)"
        ]
        if self.fatal:
            lines.append(f"  fatal: {self.fatal}")
        for r in self.results:
            if r.on_purpose and verbose:
                lines.append(f"  {r.pointer} {r.operation}: on purpose: {r.on_purpose}")
            elif not r.on_purpose:
                lines.extend(f"  {r.pointer} {r.operation}: {d}" for d in r.differences)
        return "\n".join(lines)


@dataclass(frozen=True)
class Plan:
    """What both sides are given for one target."""

    target: Target
    document: dict[str, object]
    environment: dict[str, object] | None
    overrides: dict[str, str]
    variables: dict[str, str]
    clock: datetime | None = None
    nonce: str | None = None


def _placeholder(name: str, base: bool) -> str:
    if base:
        return PLACEHOLDER_BASE
    return "conf-" + (re.sub(r"[^a-z0-9]", "", name.lower())[:24] or "value")


def _saved_values(document: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for var in document.get("variable") or []:  # type: ignore[union-attr]
        if isinstance(var, dict) and not var.get("disabled"):
            key = var.get("key", var.get("id"))
            value = var.get("value")
            if isinstance(key, str) and key not in out and value is not None:
                out[key] = value if isinstance(value, str) else json.dumps(value)
    return out


def _secret_values(loaded: load.Loaded, api: Api) -> dict[str, str]:
    """The saved values of secrets the generator keeps out of the SDK (found by their JSON pointers)."""
    out: dict[str, str] = {}
    for name, pointer in api.secrets:
        node: object = loaded.document
        parent: object = None
        for part in pointer[len(loaded.pointer) :].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            parent = node
            node = (
                node[int(part)]
                if isinstance(node, list)
                else node.get(part) if isinstance(node, dict) else None
            )
        if isinstance(node, str) and pointer.endswith("/header"):  # a header block: "Key: value" lines
            node = _block_credential(node, name)
        if isinstance(node, list):  # an auth's parameter list: the entry the variable is named after
            node = {e.get("key"): e.get("value") for e in node if isinstance(e, dict)}
        if isinstance(node, dict):
            node = next((v for k, v in node.items() if isinstance(k, str) and name.endswith(snake(k))), None)
        in_header = "/header/" in pointer
        if (
            in_header
            and isinstance(node, str)
            and isinstance(parent, dict)
            and isinstance(parent.get("key"), str)
        ):
            # a literal credential header: the variable holds the credential, the SDK keeps the scheme
            found = header_credential(parent["key"], node, False)
            node = found[1] if found else node
        if isinstance(node, (str, int, float, bool)):
            out.setdefault(name, node if isinstance(node, str) else json.dumps(node))
    return out


def _block_credential(block: str, name: str) -> str | None:
    """The credential a header block saves for the secret variable ``name`` (named after its header)."""
    for key, value, _, _ in parse_headers(block):
        if name.startswith(snake(key)):
            found = header_credential(key, value, False)
            return found[1] if found else value
    return None


def _named(value: object) -> Iterable[str]:
    """The variable names in every string of a JSON value, scripts (``event``) left out."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield from VARIABLE_NAME.findall(node)
        elif isinstance(node, dict):
            stack.extend(v for k, v in node.items() if k != "event")
        elif isinstance(node, list):
            stack.extend(node)


def _declared(document: dict[str, object], environment: dict[str, object] | None) -> set[str]:
    names = set()
    for source in (document.get("variable"), (environment or {}).get("values")):
        for var in source if isinstance(source, list) else []:
            if isinstance(var, dict) and not var.get("disabled") and var.get("enabled", True) is not False:
                names.add(str(var.get("key", var.get("id"))))
    return names


def plan(target: Target) -> Plan:
    loaded = load.load(str(target.path))
    overrides = read_env_file(str(target.environment)) if target.environment else {}
    api: Api = parse(loaded, overrides=overrides)
    saved = {**_saved_values(loaded.document), **_secret_values(loaded, api), **overrides}
    bases = {op.url.base_variable for _, op in api.all_operations() if op.url.base_variable}
    environment = None
    if target.environment:
        environment = json.loads(target.environment.read_text(encoding="utf-8-sig"))
    variables: dict[str, str] = {}
    for var in api.variables:
        if var.default is not None or var.name in target.unset:
            continue
        value = saved.get(var.name)
        variables[var.name] = value if value is not None else _placeholder(var.name, var.name in bases)
    declared = _declared(loaded.document, environment) | set(variables) | set(overrides) | set(target.unset)
    for name in sorted(set(_named([loaded.document, environment])) - declared):
        if not name.startswith("$"):  # a variable only named inside another's value, say
            variables[name] = _placeholder(name, False)
    text = target.path.read_text(encoding="utf-8-sig")
    for i, name in enumerate(sorted(set(DYNAMIC_NAME.findall(text)))):
        variables[name] = f"pinned{i}"
    return Plan(target, loaded.document, environment, overrides, variables, PINNED_CLOCK, PINNED_NONCE)


def run_newman(plans: list[Plan], echo: EchoServer) -> dict[str, list[tuple[str, Recorded | str]]]:
    """Per target name: (item pointer, the request newman sent or its error), in run order."""
    jobs = [
        newman_run.Job(
            p.target.name,
            p.document,
            p.environment,
            p.variables,
            p.target.path.parent,
            int(p.clock.timestamp() * 1000) if p.clock else None,
            p.nonce,
        )
        for p in plans
    ]
    out: dict[str, list[tuple[str, Recorded | str]]] = {}
    for name, executions in newman_run.run(jobs, echo).items():
        if isinstance(executions, str):
            out[name] = [("", f"newman failed: {executions}")]
            continue
        rows: list[tuple[str, Recorded | str]] = []
        for e in executions:
            record = echo.record(e.echo_id) if e.echo_id is not None else None
            rows.append((e.pointer, record if record is not None else f"newman sent nothing: {e.error}"))
        out[name] = rows
    return out


def _import_sdk(plan_: Plan, out: Path) -> tuple[object, Generated]:
    target = plan_.target
    generated = generate(
        str(target.path), package=target.package, overrides=plan_.overrides, formatting=False
    )
    for name, data in generated.files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    src = str(out / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    for module in [m for m in sys.modules if m == target.package or m.startswith(target.package + ".")]:
        del sys.modules[module]
    module = importlib.import_module(target.package)
    if plan_.clock is not None:
        pin_sdk_clock(importlib.import_module(target.package + "._auth"), plan_.clock, plan_.nonce or "")
    return module, generated


def pin_sdk_clock(auth: object, clock: datetime, nonce: str) -> None:
    """Pin a freshly imported SDK's signers to ``clock`` and ``nonce``, as newman is pinned: the defaults of
    their clock and nonce parameters, which ``build_auth`` leaves to them."""
    timestamp = str(int(clock.timestamp()))
    oauth1 = auth.OAuth1Auth.__init__  # type: ignore[attr-defined]
    oauth1.__kwdefaults__ = {**oauth1.__kwdefaults__, "nonce": nonce, "timestamp": timestamp}
    sigv4 = auth.AWSSigV4Auth.__init__  # type: ignore[attr-defined]
    sigv4.__kwdefaults__ = {**sigv4.__kwdefaults__, "clock": lambda: clock}
    hawk = auth.HawkAuth.__init__  # type: ignore[attr-defined]
    hawk.__kwdefaults__ = {**hawk.__kwdefaults__, "nonce": nonce, "clock": clock.timestamp}
    edgegrid = auth.EdgeGridAuth.__init__  # type: ignore[attr-defined]
    stamp = clock.strftime("%Y%m%dT%H:%M:%S+0000")
    edgegrid.__kwdefaults__ = {**edgegrid.__kwdefaults__, "nonce": nonce, "clock": lambda: stamp}


@dataclass(frozen=True)
class SdkCall:
    operation: Operation
    python: str
    sent: Recorded | str


def run_sdk(plan_: Plan, echo: EchoServer, out: Path) -> dict[str, SdkCall]:
    """Per item pointer: the operation, its Python path, and the request it sent (or why it sent nothing)."""
    module, generated = _import_sdk(plan_, out)
    ops = {op.source: op for _, op in generated.api.all_operations()}
    transport = EchoTransport(echo)
    found: dict[str, SdkCall] = {}
    client_class = module.Client
    http_client = httpx.Client(transport=transport)
    with client_class(variables=plan_.variables, max_retries=0, http_client=http_client) as client:
        for entry in generated.manifest["operations"]:  # type: ignore[union-attr]
            call: object = client
            for part in entry["python"].split("."):
                call = getattr(call, part)
            transport.last_echo_id = None
            error = ""
            try:
                call()  # type: ignore[operator]
            except Exception as exc:  # noqa: BLE001 - the echo's empty answer may not parse; that is fine
                error = f"{type(exc).__name__}: {exc}"
            sent = echo.record(transport.last_echo_id) if transport.last_echo_id else None
            pointer = entry["source"]
            found[pointer] = SdkCall(ops[pointer], entry["python"], sent or f"SDK sent nothing: {error}")
    http_client.close()
    return found


def _sent_braces(record: Recorded) -> bool:
    """Whether a request carries an unresolved ``{{name}}`` (URL, headers or body)."""
    texts = [unquote(record.target), *(v for _, v in record.headers), record.body.decode("utf-8", "replace")]
    return any(VARIABLE_NAME.search(t) for t in texts)


# Differences a file the SDK does not read can cause: the body, and the headers that describe it.
_BODY_ONLY = ("body differs", "multipart parts differ", "header content-length", "header content-type")


def on_purpose(op: Operation, theirs: Recorded | str, ours: Recorded | str, diffs: list[str]) -> str | None:
    """The documented difference (README, "Differences from newman") that explains all of ``diffs``, if one
    does and it applies to this request."""
    if isinstance(ours, str) and "MissingVariableError" in ours:
        if isinstance(theirs, Recorded) and _sent_braces(theirs):
            return "an unresolved variable: newman sends `{{name}}` as it is, the SDK raises an error"
        return None
    if isinstance(theirs, str) and "request url is empty" in theirs and isinstance(ours, Recorded):
        return "a URL object with only `raw`: newman sends nothing, the SDK sends the raw URL"
    unencoded = op.settings.disable_url_encoding
    refused = isinstance(theirs, str) and "unescaped characters" in theirs
    if unencoded and refused and isinstance(ours, Recorded):
        return "an unencoded URL with a space or control: newman sends nothing, the SDK escapes just those"
    if isinstance(theirs, str) or isinstance(ours, str):
        return None
    body = op.body
    by_path = body is not None and (
        bool(body.mode == "file" and body.src)
        or any(f.kind == "file" and f.enabled and f.src for f in body.fields)
    )
    if by_path and all(d.startswith(_BODY_ONLY) for d in diffs):
        return "a file saved by path: the SDK does not read the collection author's path"
    escaped = unencoded and _utf8_escaped(theirs.target) == ours.target
    if escaped and all(d.startswith(("path:", "query:")) for d in diffs):
        return "an unencoded URL with Latin-1 letters: newman sends a byte each, the SDK their UTF-8 escaped"
    auth = op.auth
    params = dict(auth.params) if auth is not None else {}
    saved = (
        auth is not None
        and auth.type in _SIGNED_WITH_NONCE
        and any(params.get(key, "").strip() for key in ("nonce", "timestamp"))
    )
    if saved and all(d.startswith(("header authorization", "query:")) for d in diffs):
        kind = _SIGNED_WITH_NONCE[auth.type]  # type: ignore[union-attr]
        return f"{kind} nonce or timestamp saved in the collection: the SDK signs with fresh ones"
    unsigned = auth is not None and auth.type == "hawk" and not params.get("algorithm", "").strip()
    if (
        unsigned
        and theirs.header_values("Authorization") == [""]
        and all(d.startswith("header authorization") for d in diffs)
    ):
        return "Hawk with no algorithm saved: newman sends an empty Authorization, the SDK signs with sha256"
    if _form_names_escaped(op, theirs, ours, diffs):
        return "a form-data field name with a quote, backslash or line break: the SDK escapes it, newman not"
    if auth is not None and _late_content_type_hashed(op, params, theirs, ours, diffs):
        return "a Hawk payload hash: newman leaves out the Content-Type it adds, the SDK hashes the one sent"
    form_signed = auth is not None and auth.type == "awsv4" and body is not None and body.mode == "formdata"
    if form_signed and all(
        d.startswith(("header authorization", "header x-amz-content-sha256")) for d in diffs
    ):
        return "AWS SigV4 over a form-data body: newman signs it as empty, the SDK signs the body it sends"
    fresh_cnonce = (
        auth is not None
        and auth.type == "digest"
        and not params.get("clientNonce", "").strip()
        and (params.get("qop") in ("auth", "auth-int") or params.get("algorithm") == "MD5-sess")
    )
    if fresh_cnonce and all(d.startswith("header authorization") for d in diffs):
        return "a digest qop and no saved client nonce: newman sends '' or 'undefined', the SDK a fresh one"
    return None


_SIGNED_WITH_NONCE = {"oauth1": "an OAuth 1", "hawk": "a Hawk", "edgegrid": "an EdgeGrid"}


def _form_names_escaped(op: Operation, theirs: Recorded, ours: Recorded, diffs: list[str]) -> bool:
    """A multipart body whose only difference is the SDK escaping field names as HTML forms do, where
    newman writes a quote, backslash or line break as it is."""
    body = op.body
    if (
        body is None
        or body.mode != "formdata"
        or not all(d.startswith("multipart parts differ") for d in diffs)
    ):
        return False
    if not any(re.search(r'["\\\x00-\x1f]', f.key) for f in body.fields if f.enabled):
        return False

    def plain(record: Recorded, unescape: bool) -> bytes:
        boundary = re.search(r"boundary=([^;\s]+)", ";".join(record.header_values("Content-Type")))
        text = record.body.replace(boundary.group(1).encode(), b"BOUNDARY") if boundary else record.body
        if unescape:  # the SDK's escaping of names, undone
            text = re.sub(
                rb'name="([^"]*)"',
                lambda m: b'name="'
                + m.group(1)
                .replace(b"%22", b'"')
                .replace(b"%0D", b"\r")
                .replace(b"%0A", b"\n")
                .replace(b"\\\\", b"\\")
                + b'"',
                text,
            )
        return text

    return plain(theirs, False) == plain(ours, True)


def _late_content_type_hashed(
    op: Operation, params: dict[str, str], theirs: Recorded, ours: Recorded, diffs: list[str]
) -> bool:
    """A Hawk payload hash over a body whose Content-Type neither was saved nor comes from a JSON raw body
    (Postman adds it after signing), differing only in the Authorization header."""
    if (
        op.auth is None
        or op.auth.type != "hawk"
        or params.get("includePayloadHash") not in ("true", "True", "1")
    ):
        return False
    if any(h.key.lower() == "content-type" and h.enabled for h in op.headers) or op.body is None:
        return False
    if op.body.mode == "raw" and op.body.content_type == "application/json":
        return False
    hashes = [
        re.search(r'hash="', r.header_values("Authorization")[0] if r.header_values("Authorization") else "")
        for r in (theirs, ours)
    ]
    return all(hashes) and all(d.startswith("header authorization") for d in diffs)


def _utf8_escaped(target: str) -> str:
    """A request target the echo server read as Latin-1, with each non-ASCII character UTF-8 escaped."""
    return "".join(c if c.isascii() else "".join(f"%{b:02X}" for b in c.encode()) for c in target)


def compare_one(op: Operation, theirs: Recorded | str, ours: Recorded | str) -> tuple[list[str], str | None]:
    """(differences, the documented reason they are kept) for one request."""
    if isinstance(theirs, str) or isinstance(ours, str):
        if isinstance(theirs, str) and isinstance(ours, str):
            return [], None
        diffs = [f"newman: {theirs!s:.300}; sdk: {ours!s:.300}"]
        return diffs, on_purpose(op, theirs, ours, diffs)
    token = op.idempotency_header
    diffs = differences(theirs, ours, frozenset({token}) if token else frozenset())
    if token and theirs.header_values(token) != ours.header_values(token):
        # Kept on purpose only where newman resends a saved token and the SDK sends a fresh one instead,
        # and nothing else differs.
        resent = len(theirs.header_values(token)) == len(ours.header_values(token)) == 1
        diffs.append(f"header {token}: newman {theirs.header_values(token)} sdk {ours.header_values(token)}")
        if resent and len(diffs) == 1:
            return diffs, "an idempotency token: newman resends the saved one, the SDK makes one per call"
        return diffs, None
    return diffs, on_purpose(op, theirs, ours, diffs)


def referee(
    plans: list[Plan], newman: dict[str, list[tuple[str, Recorded | str]]], echo: EchoServer, out: Path
) -> list[Report]:
    reports = []
    for p in plans:
        report = Report(p.target)
        reports.append(report)
        rows = newman.get(p.target.name, [])
        if len(rows) == 1 and rows[0][0] == "":
            report.fatal = str(rows[0][1])
            continue
        try:
            sdk = run_sdk(p, echo, out / p.target.package)
        except Exception as exc:  # noqa: BLE001 - a generation failure fails the whole collection
            report.fatal = f"SDK generation or import failed: {type(exc).__name__}: {exc}"
            continue
        for pointer, theirs in rows:
            call = sdk.pop(pointer, None)
            if call is None:
                report.results.append(RequestResult(pointer, "(none)", ["the SDK has no operation for it"]))
                continue
            diffs, reason = compare_one(call.operation, theirs, call.sent)
            report.results.append(RequestResult(pointer, call.python, diffs, reason if diffs else None))
        for pointer, call in sdk.items():
            report.results.append(RequestResult(pointer, call.python, ["newman did not run this request"]))
    return reports


def run_all(targets: Iterable[Target], out: Path) -> list[Report]:
    """Referee every target: one newman process for all, then each SDK."""
    plans = [plan(t) for t in targets]
    with EchoServer() as echo:
        newman = run_newman(plans, echo)
        return referee(plans, newman, echo, out)


# ------------------------------------------------------------------------------------------- the targets
def fixture_targets() -> list[Target]:
    """The project's own fixtures, then postman-code-generators' v2 fixtures when ../shared is present."""
    targets = []
    for path in sorted(FIXTURES.glob("*.postman_collection.json")):
        name = path.name.split(".")[0]
        targets.append(Target(name, path, unset=UNSET.get(name.rsplit("-", 1)[0], ())))
    pcg = REAL / "pcg-fixtures"
    if pcg.is_dir():
        targets += [
            Target("pcg-" + p.name.split(".")[0], p) for p in sorted(pcg.glob("*.postman_collection.json"))
        ]
    return targets


def corpus_targets() -> list[Target]:
    """Every vendor collection in ../shared/collections/real, with its environment file when there is one."""
    out = []
    for path in sorted(REAL.glob("*.postman_collection.json")):
        stem = path.name.split(".")[0]
        env = REAL / f"{stem}.postman_environment.json"
        out.append(Target(stem, path, env if env.exists() else None))
    return out

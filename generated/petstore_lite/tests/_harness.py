"""Replays the collection's saved requests and examples against the SDK, offline (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import cast
from urllib.parse import parse_qsl, unquote

import httpx
import pytest

import petstore_lite as sdk
from petstore_lite import errors, models

DATA = Path(__file__).parent / "data"
Case = dict[str, object]


def load(group: str) -> list[Case]:
    """The cases of one resource group, in collection order."""
    cases = json.loads((DATA / f"{group}.json").read_text(encoding="utf-8"))
    return cast(list[Case], cases)


def _obj(value: object) -> dict[str, object]:
    return cast(dict[str, object], value)


def _responder(case: Case, seen: list[httpx.Request]) -> Callable[[httpx.Request], httpx.Response]:
    response = _obj(case["response"])
    # An OAuth 2 client-credentials or password auth first asks the token endpoint, answered here.
    token = _obj(_obj(case["request"]).get("token_endpoint") or {})

    def handle(request: httpx.Request) -> httpx.Response:
        request.read()
        if token and request.url == httpx.URL(str(token["url"])):
            return httpx.Response(200, json={"access_token": token["access_token"], "expires_in": 3600})
        seen.append(request)
        headers = [(str(k), str(v)) for k, v in cast(list[list[str]], response["headers"])]
        body = str(response["body"]).encode("utf-8")
        return httpx.Response(int(cast(int, response["status"])), headers=headers, content=body)

    return handle


def _operation(client: object, path: str) -> Callable[..., object]:
    target = client
    for part in path.split("."):
        target = getattr(target, part)
    return cast(Callable[..., object], target)


def _path(url: str) -> str:
    """A URL's path as the SDK sends it: dot segments kept (``httpx.URL`` would resolve them)."""
    rest = url.split("://", 1)[-1].split("#", 1)[0].split("?", 1)[0]
    return unquote("/" + rest.partition("/")[2])


def check_request(request: httpx.Request, expected: dict[str, object]) -> None:
    """The request the SDK sent is the saved request: method, path, query, headers and body."""
    assert request.method == expected["method"]
    if expected.get("url_known", True):  # not when a dynamic variable draws part of it per call
        url = httpx.URL(str(expected["url"]))
        assert (request.url.scheme, request.url.host, request.url.port) == (url.scheme, url.host, url.port)
        sent = unquote(request.url.raw_path.decode("ascii").split("?", 1)[0])
        assert sent == _path(str(expected["url"]))
        if expected["query"]:
            assert request.url.query == url.query
    for key, value in cast(list[list[str]], expected["headers"]):
        assert value in request.headers.get_list(key), f"header {key!r}"
    for key in cast(list[str], expected["present_headers"]):
        assert key in request.headers, f"header {key!r}"
    kind = expected["body_kind"]
    if kind == "json":
        assert json.loads(request.content) == expected["body"]
    elif kind == "text":
        assert request.content.decode("utf-8") == expected["body"]
    elif kind == "form":
        assert parse_qsl(request.content.decode(), keep_blank_values=True) == [
            tuple(pair) for pair in cast(list[list[str]], expected["body"])
        ]
    elif kind == "multipart":
        for name in cast(list[str], expected["body"]):
            assert f'name="{_form_name(name)}"'.encode() in request.content, f"form field {name!r}"
    elif kind == "none":
        assert request.content == b""


def _form_name(name: str) -> str:
    """A field name as multipart/form-data writes it (HTML5): quotes and control characters escaped."""
    escaped = name.replace("\\", "\\\\").replace('"', "%22")
    return "".join(f"%{ord(c):02X}" if ord(c) < 0x20 and c != "\x1b" else c for c in escaped)


def check_sent(seen: list[httpx.Request], expected: dict[str, object]) -> None:
    """The request sent is the saved request; one the SDK refused to build was never sent."""
    if refused(expected):
        assert not seen
    else:
        check_request(seen[0], expected)


def refused(expected: dict[str, object]) -> bool:
    """Whether the SDK must refuse to build the request: predicted from the saved request, or its URL is one
    httpx cannot hold (a host that is no IDNA name, by the tables of the idna release installed)."""
    if expected.get("refused"):
        return True
    try:
        httpx.URL(str(expected["url"]))
    except httpx.InvalidURL:
        return True
    return False


def check_result(case: Case, call: Callable[[], object]) -> None:
    """The types contract: a 2xx JSON body comes back as models (``to_dict``), lists of them or scalars equal
    to it, an empty body as None; an error status raises its exception with ``status_code``, ``headers``,
    ``response`` and ``body``: the error model, or the raw text of a body that is not JSON."""
    response = _obj(case["response"])
    error = case.get("error")
    if refused(_obj(case["request"])):  # a saved request the SDK cannot build: it says so
        with pytest.raises((errors.InvalidRequestError, errors.MissingVariableError)):
            call()
        return
    if error is None:
        result = call()
        if "json" in response:
            assert_same_json(as_contract_json(result), response["json"])
        elif not response["body"]:
            assert result is None
        return
    with pytest.raises(getattr(errors, str(error))) as info:
        call()
    exc = cast(errors.APIStatusError, info.value)
    assert exc.status_code == response["status"]
    assert isinstance(exc.response, httpx.Response) and exc.response.status_code == exc.status_code
    assert exc.headers == exc.response.headers
    if "json" in response:
        assert_same_json(as_contract_json(exc.body), response["json"])
    else:
        assert exc.body == (response["body"] or None)


def assert_same_json(value: object, expected: object) -> None:
    """Equal, and written the same: keys in the same order, ``1``, ``1.0`` and ``true`` told apart."""
    assert value == expected
    assert json.dumps(value) == json.dumps(expected)


def as_contract_json(value: object) -> object:
    """A result as the contract reads it: a model by its ``to_dict()``, a list item by item, a scalar as it
    is. A JSON object must have come back as a model."""
    if isinstance(value, models.Model):
        return value.to_dict()
    if isinstance(value, list):
        return [as_contract_json(item) for item in value]
    assert not isinstance(value, dict), "a JSON object comes back as a model"
    return value


def run_sync(case: Case) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(_responder(case, seen))
    variables = cast(dict[str, str], case["variables"])
    with sdk.Client(
        variables=variables, max_retries=0, http_client=httpx.Client(transport=transport)
    ) as client:
        op = _operation(client, str(case["operation"]))
        check_result(case, lambda: op(**_obj(case["args"])))
    check_sent(seen, _obj(case["request"]))


def run_async(case: Case) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(_responder(case, seen))
    variables = cast(dict[str, str], case["variables"])

    async def main() -> None:
        http_client = httpx.AsyncClient(transport=transport)
        async with sdk.AsyncClient(variables=variables, max_retries=0, http_client=http_client) as client:
            op = _operation(client, str(case["operation"]))
            result: list[object] = []

            async def call() -> None:
                result.append(await cast(asyncio.Future[object], op(**_obj(case["args"]))))

            try:
                await call()
            except errors.APIError as exc:
                result.append(exc)
        await http_client.aclose()
        check_result(case, lambda: _reraise(result[0]))

    asyncio.run(main())
    check_sent(seen, _obj(case["request"]))


def _reraise(value: object) -> object:
    if isinstance(value, BaseException):
        raise value
    return value

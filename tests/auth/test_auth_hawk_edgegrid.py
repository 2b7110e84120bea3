"""Hawk against the spec's published examples and mohawk; EdgeGrid against the spec and edgegrid-python."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from types import ModuleType
from typing import Any

import httpx
import pytest


def send(auth_obj: httpx.Auth, method: str, url: str, body: bytes = b"", **headers: str) -> httpx.Request:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(auth=auth_obj, transport=transport) as client:
        client.request(method, url, content=body or None, headers=headers)
    return sent[0]


def hawk_fields(header: str) -> dict[str, str]:
    assert header.startswith("Hawk ")
    return {
        name: value.replace('\\"', '"') for name, value in re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', header)
    }


# ---------------------------------------------------------------------------------------------------------
# Hawk

HAWK_ID, HAWK_KEY = "dh37fgj492je", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"  # the spec's credentials


def hawk(auth: ModuleType, **options: Any) -> Any:
    options.setdefault("nonce", "j4h3g2")
    options.setdefault("timestamp", "1353832234")
    return auth.HawkAuth(HAWK_ID, HAWK_KEY, **options)


def test_hawk_spec_example_without_payload(auth: ModuleType) -> None:
    """The request and MAC published in the Hawk specification's README."""
    sent = send(hawk(auth, ext="some-app-ext-data"), "GET", "http://example.com:8000/resource/1?b=1&a=2")
    fields = hawk_fields(sent.headers["authorization"])
    assert fields["mac"] == "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="
    assert fields == {
        "id": HAWK_ID,
        "ts": "1353832234",
        "nonce": "j4h3g2",
        "ext": "some-app-ext-data",
        "mac": fields["mac"],
    }


def test_hawk_spec_example_with_payload(auth: ModuleType) -> None:
    sent = send(
        hawk(auth, ext="some-app-ext-data", include_payload_hash=True),
        "POST",
        "http://example.com:8000/resource/1?b=1&a=2",
        b"Thank you for flying Hawk",
        **{"Content-Type": "text/plain"},
    )
    fields = hawk_fields(sent.headers["authorization"])
    assert fields["hash"] == "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY="
    assert fields["mac"] == "aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="


MOHAWK_CASES = {
    "get-default-https-port": ("GET", "https://api.example.com/v1/items?q=a%20b", b"", "", {}),
    "post-json-with-hash": (
        "POST",
        "http://api.example.com:8080/v1/items",
        b'{"name": "widget"}',
        "application/json; charset=utf-8",
        {"include_payload_hash": True},
    ),
    "app-and-dlg": ("GET", "https://api.example.com/", b"", "", {"app": "app-1", "dlg": "dlg-2"}),
    "sha1-with-ext": ("DELETE", "https://api.example.com/x", b"", "", {"algorithm": "sha1", "ext": "e x t"}),
}


@pytest.mark.parametrize("name", list(MOHAWK_CASES))
def test_hawk_equals_mohawk(auth: ModuleType, name: str) -> None:
    mohawk = pytest.importorskip("mohawk")
    method, url, body, content_type, options = MOHAWK_CASES[name]
    headers = {"Content-Type": content_type} if content_type else {}
    sent = send(hawk(auth, **options), method, url, body, **headers)
    hashed = options.get("include_payload_hash", False)
    sender = mohawk.Sender(
        {"id": HAWK_ID, "key": HAWK_KEY, "algorithm": options.get("algorithm", "sha256")},
        url,
        method,
        content=body.decode() if hashed else mohawk.base.EmptyValue,
        content_type=content_type if hashed else mohawk.base.EmptyValue,
        always_hash_content=False,
        nonce="j4h3g2",
        _timestamp=1353832234,
        ext=options.get("ext"),
        app=options.get("app"),
        dlg=options.get("dlg"),
    )
    assert hawk_fields(sent.headers["authorization"]) == hawk_fields(sender.request_header)


# ---------------------------------------------------------------------------------------------------------
# EdgeGrid

CLIENT_TOKEN = "akab-client-token-xxx-xxxxxxxxxxxxxxxx"
CLIENT_SECRET = "SOMESECRET/abcdefghijklmnopqrstuvwxyz0123="
ACCESS_TOKEN = "akab-access-token-xxx-xxxxxxxxxxxxxxxx"
EG_TIMESTAMP, EG_NONCE = "20140321T19:34:21+0000", "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
HOST = "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net"


def edgegrid(auth: ModuleType, **options: Any) -> Any:
    return auth.EdgeGridAuth(
        CLIENT_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, nonce=EG_NONCE, timestamp=EG_TIMESTAMP, **options
    )


def b64_hmac(key: str, data: str) -> str:
    return base64.b64encode(hmac.new(key.encode(), data.encode(), hashlib.sha256).digest()).decode()


def test_edgegrid_follows_the_spec_steps(auth: ModuleType) -> None:
    """Recomputed here from Akamai's description: signing key from the timestamp, then the tab-joined data."""
    body = b"datadatadatadatadatadatadatadata"
    sent = send(
        edgegrid(auth, headers_to_sign=["X-Test1", "x-test2"]),
        "POST",
        f"https://{HOST}/testapi/v1/t3?b=2&a=1",
        body,
        **{"X-Test1": "  test-simple   header ", "Content-Type": "text/plain"},
    )
    prefix = (
        f"EG1-HMAC-SHA256 client_token={CLIENT_TOKEN};access_token={ACCESS_TOKEN};"
        f"timestamp={EG_TIMESTAMP};nonce={EG_NONCE};"
    )
    body_hash = base64.b64encode(hashlib.sha256(body).digest()).decode()
    data = "\t".join(
        ["POST", "https", HOST, "/testapi/v1/t3?b=2&a=1", "x-test1:test-simple header", body_hash, prefix]
    )
    expected = prefix + "signature=" + b64_hmac(b64_hmac(CLIENT_SECRET, EG_TIMESTAMP), data)
    assert sent.headers["authorization"] == expected


EDGEGRID_CASES = {
    "get-with-query": ("GET", f"https://{HOST}/papi/v1/groups?contractId=ctr_1&x=a%20b", b"", {}, {}),
    "post-body": ("POST", f"https://{HOST}/ccu/v3/invalidate/url", b'{"objects": ["/a"]}', {}, {}),
    "post-body-over-max": ("POST", f"https://{HOST}/upload", b"x" * 3000, {}, {"max_body": 2048}),
    "put-body-is-not-hashed": ("PUT", f"https://{HOST}/papi/v1/x", b'{"a": 1}', {}, {}),
    "signed-headers": (
        "GET",
        f"https://{HOST}/identity/v1",
        b"",
        {"X-A": "one   two\t three", "x-b": "3"},
        {"headers_to_sign": ["x-b", "X-A", "X-Missing"]},
    ),
}


@pytest.mark.parametrize("name", list(EDGEGRID_CASES))
def test_edgegrid_equals_edgegrid_python(auth: ModuleType, name: str) -> None:
    reference = pytest.importorskip("akamai.edgegrid.edgegrid")
    requests = pytest.importorskip("requests")
    method, url, body, headers, options = EDGEGRID_CASES[name]
    sent = send(edgegrid(auth, **options), method, url, body, **headers)
    signer = reference.EdgeGridAuthHeaders(
        CLIENT_TOKEN,
        CLIENT_SECRET,
        ACCESS_TOKEN,
        headers_to_sign=[name.lower() for name in options.get("headers_to_sign", ())],
        max_body=options.get("max_body", 131072),
    )
    prepared = requests.Request(method, url, data=body or None, headers=headers).prepare()
    assert sent.headers["authorization"] == signer.make_auth_header(prepared, EG_TIMESTAMP, EG_NONCE)


def test_edgegrid_host_override_and_fresh_nonce(auth: ModuleType) -> None:
    signer = auth.EdgeGridAuth(CLIENT_TOKEN, CLIENT_SECRET, ACCESS_TOKEN, host=HOST)
    first = send(signer, "GET", "https://proxy.local/x").headers["authorization"]
    second = send(signer, "GET", "https://proxy.local/x").headers["authorization"]
    nonce = re.compile(r"nonce=([^;]+);")
    assert nonce.search(first).group(1) != nonce.search(second).group(1)  # type: ignore[union-attr]
    fixed = send(edgegrid(auth, host=HOST), "GET", "https://proxy.local/x").headers["authorization"]
    direct = send(edgegrid(auth), "GET", f"https://{HOST}/x").headers["authorization"]
    assert fixed == direct


def test_hawk_hashes_no_empty_or_multipart_body(auth: ModuleType) -> None:
    # As Postman: includePayloadHash adds no hash where the body is empty or multipart form data.
    signer = auth.HawkAuth("id", "key", include_payload_hash=True, nonce="n", timestamp="1")
    empty = next(signer.auth_flow(httpx.Request("GET", "https://api.example.test/r")))
    multipart = httpx.Request("POST", "https://api.example.test/r", files={"a": ("a.txt", b"x")})
    multipart.read()  # as httpx does for a signer that requires the body
    text = httpx.Request(
        "POST", "https://api.example.test/r", content=b"x", headers={"Content-Type": "text/plain"}
    )
    assert "hash=" not in empty.headers["Authorization"]
    assert "hash=" not in next(signer.auth_flow(multipart)).headers["Authorization"]
    assert "hash=" in next(signer.auth_flow(text)).headers["Authorization"]

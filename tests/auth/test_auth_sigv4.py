"""AWSSigV4Auth produces the same headers as botocore's SigV4Auth (and S3SigV4Auth for s3)."""

from __future__ import annotations

import asyncio
import datetime
from types import ModuleType
from typing import Any
from unittest import mock

import httpx
import pytest

botocore_auth = pytest.importorskip("botocore.auth")
botocore_awsrequest = pytest.importorskip("botocore.awsrequest")
botocore_credentials = pytest.importorskip("botocore.credentials")

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQ=="
FIXED = datetime.datetime(2024, 3, 9, 12, 34, 56, tzinfo=datetime.timezone.utc)

CASES = {
    "get-plain": ("GET", "https://sts.amazonaws.com/", b"", {}, "sts", "us-east-1"),
    "get-query-unsorted-repeated-escaped": (
        "GET",
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items?z=1&a=2&a=1&q=hello%20world&s=%2Fx%2B",
        b"",
        {"X-Custom": "  spaced   value  "},
        "execute-api",
        "eu-west-1",
    ),
    "get-path-needing-double-encoding": (
        "GET",
        "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/a%20b/./c/../d",
        b"",
        {},
        "execute-api",
        "eu-west-1",
    ),
    "post-json-body": (
        "POST",
        "https://dynamodb.us-west-2.amazonaws.com/",
        b'{"TableName": "Music", "Key": {"Artist": {"S": "No One You Know"}}}',
        {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.GetItem"},
        "dynamodb",
        "us-west-2",
    ),
    "post-form-body": (
        "POST",
        "https://cloudformation.us-east-1.amazonaws.com/",
        b"Action=ListStacks&Version=2010-05-15",
        {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        "cloudformation",
        "us-east-1",
    ),
    "s3-put-object": (
        "PUT",
        "https://examplebucket.s3.amazonaws.com/photos/2024/a%20b.txt",
        b"Welcome to Amazon S3.",
        {"Content-Type": "text/plain"},
        "s3",
        "us-east-1",
    ),
}


def signed_by_us(auth: ModuleType, case: tuple[Any, ...], token: str) -> tuple[httpx.Headers, httpx.Headers]:
    """The headers before and after our signer, sent through a real httpx client."""
    method, url, body, headers, service, region = case
    signer = auth.AWSSigV4Auth(ACCESS_KEY, SECRET_KEY, region, service, token, clock=lambda: FIXED)
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(transport=transport) as client:
        request = client.build_request(method, url, content=body or None, headers=headers)
        unsigned = httpx.Headers(request.headers)
        client.send(request, auth=signer)
    return unsigned, sent[0].headers


def signed_by_botocore(case: tuple[Any, ...], unsigned: httpx.Headers, token: str) -> dict[str, str]:
    method, url, body, _, service, region = case
    credentials = botocore_credentials.Credentials(ACCESS_KEY, SECRET_KEY, token or None)
    signer_class = botocore_auth.S3SigV4Auth if service == "s3" else botocore_auth.SigV4Auth
    request = botocore_awsrequest.AWSRequest(method=method, url=url, data=body, headers=dict(unsigned))
    with mock.patch.object(botocore_auth, "get_current_datetime", return_value=FIXED.replace(tzinfo=None)):
        signer_class(credentials, service, region).add_auth(request)
    return {name.lower(): value for name, value in request.headers.items()}


@pytest.mark.parametrize("token", ["", SESSION_TOKEN], ids=["no-token", "session-token"])
@pytest.mark.parametrize("name", list(CASES))
def test_matches_botocore(auth: ModuleType, name: str, token: str) -> None:
    unsigned, ours = signed_by_us(auth, CASES[name], token)
    theirs = signed_by_botocore(CASES[name], unsigned, token)
    assert ours["authorization"] == theirs["authorization"]
    assert ours["x-amz-date"] == theirs["x-amz-date"] == "20240309T123456Z"
    assert ours.get("x-amz-security-token") == theirs.get("x-amz-security-token")
    assert ours.get("x-amz-content-sha256") == theirs.get("x-amz-content-sha256")


def test_async_client_signs_the_same(auth: ModuleType) -> None:
    case = CASES["post-json-body"]
    method, url, body, headers, service, region = case
    unsigned, ours = signed_by_us(auth, case, SESSION_TOKEN)
    signer = auth.AWSSigV4Auth(ACCESS_KEY, SECRET_KEY, region, service, SESSION_TOKEN, clock=lambda: FIXED)
    sent: list[httpx.Request] = []

    async def run() -> None:
        transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
        async with httpx.AsyncClient(transport=transport) as client:
            request = client.build_request(method, url, content=body, headers=headers)
            request.headers["user-agent"] = unsigned["user-agent"]  # same headers as the sync run
            await client.send(request, auth=signer)

    asyncio.run(run())
    assert sent[0].headers["authorization"] == ours["authorization"]


def test_resigning_replaces_the_previous_signature(auth: ModuleType) -> None:
    signer = auth.AWSSigV4Auth(ACCESS_KEY, SECRET_KEY, "us-east-1", "sts", clock=lambda: FIXED)
    request = httpx.Request("GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity")
    first = next(signer.sync_auth_flow(request)).headers["authorization"]
    second = next(signer.sync_auth_flow(request)).headers["authorization"]
    assert first == second
    assert request.headers.get_list("authorization") == [first]

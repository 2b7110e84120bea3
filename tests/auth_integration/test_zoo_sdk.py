"""The generated zoo SDK at run time: each operation signs with its own resolved auth, from variables only,
through one client; ``auth=`` replaces it; auth Postman sends unsigned does not crash a call."""

from __future__ import annotations

import asyncio
import base64
import datetime
import logging
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, unquote

import httpx
import pytest

from .conftest import Zoo
from .kit import Recorder
from .zoo import LITERALS, TOKEN_URL

# What a user supplies (here: the values saved in the collection and environment, under the variables the
# manifest names), plus the variables the collection leaves to the user.
USER_VARIABLES = {"aws_secret": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "api_key_var": "header-key-1"}
FIXED = datetime.datetime(2024, 3, 9, 12, 34, 56, tzinfo=datetime.timezone.utc)


def saved_variables(zoo: Zoo) -> dict[str, str]:
    """Each secret variable's saved value, read through the manifest's JSON pointers."""
    from .kit import pointer_value

    values: dict[str, str] = {}
    for entry in zoo.manifest["secrets"]:
        where, _, pointer = entry["source"].rpartition("#")
        saved = str(pointer_value(zoo.env if where == "--env" else zoo.document, pointer))
        values[entry["variable"]] = saved.removeprefix("Bearer ")
    return values


@pytest.fixture
def variables(zoo: Zoo) -> dict[str, str]:
    return {**saved_variables(zoo), **USER_VARIABLES}


def send(zoo: Zoo, path: str, variables: dict[str, str], **options: Any) -> httpx.Request:
    recorder = Recorder()
    with recorder.client(zoo.sdk, variables=variables, **options) as client:
        target: Any = client
        for part in path.split("."):
            target = getattr(target, part)
        target()
    assert len(recorder.requests) == 1
    return recorder.requests[0]


def test_bearer_inherited_from_the_collection(zoo: Zoo, variables: dict[str, str]) -> None:
    for path in ("inherited.me", "inherited.deeper.deep"):
        sent = send(zoo, path, variables)
        assert sent.headers["authorization"] == f"Bearer {LITERALS['collection_bearer']}"


def test_noauth_request_sends_no_authorization(zoo: Zoo, variables: dict[str, str]) -> None:
    assert "authorization" not in send(zoo, "inherited.public", variables).headers


def parse_oauth(header: str) -> dict[str, str]:
    assert header.startswith("OAuth ")
    fields = (part.strip().partition("=") for part in header[len("OAuth ") :].split(","))
    return {name: unquote(value.strip('"')) for name, _, value in fields}


@pytest.mark.parametrize("path", ["signed.get_tweet", "signed.post_status"])
def test_oauth1_folder_beside_bearer_folder_signs_as_oauthlib(
    zoo: Zoo, variables: dict[str, str], path: str
) -> None:
    oauth1 = pytest.importorskip("oauthlib.oauth1")
    sent = send(zoo, path, variables)
    ours = parse_oauth(sent.headers["authorization"])
    client = oauth1.Client(
        LITERALS["oauth1_consumer_key"],
        client_secret=LITERALS["oauth1_consumer_secret"],
        resource_owner_key=LITERALS["env_token"],
        resource_owner_secret=LITERALS["env_token_secret"],
        nonce=ours["oauth_nonce"],
        timestamp=ours["oauth_timestamp"],
    )
    body = sent.content.decode() or None
    headers = {"Content-Type": sent.headers["content-type"]} if body else {}
    _, expected, _ = client.sign(str(sent.url), sent.method, body, headers)
    assert ours == parse_oauth(expected["Authorization"])


def test_apikey_saved_as_v20_object_goes_to_the_query(zoo: Zoo, variables: dict[str, str]) -> None:
    sent = send(zoo, "keys.search", variables)
    assert parse_qsl(sent.url.query.decode()) == [("q", "zebra"), ("api_key", LITERALS["apikey_value"])]
    assert send(zoo, "keys.header_key", variables).headers["x-api-key"] == "header-key-1"


def test_basic_and_digest(zoo: Zoo, variables: dict[str, str]) -> None:
    sent = send(zoo, "legacy.basic_op", variables)
    expected = base64.b64encode(f"alice:{LITERALS['basic_password']}".encode()).decode()
    assert sent.headers["authorization"] == f"Basic {expected}"

    challenge = 'Digest realm="zoo", qop="auth", nonce="abc123", algorithm=MD5'

    def answer(request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            return httpx.Response(200, json={})
        return httpx.Response(401, headers={"WWW-Authenticate": challenge})

    recorder = Recorder(answer)
    with recorder.client(zoo.sdk, variables={**variables, "digest_password": "Circle"}) as client:
        client.legacy.digest_op()
    assert [r.headers.get("authorization", "")[:24] for r in recorder.requests] == [
        "",
        'Digest username="alice",',
    ]


def test_awsv4_equals_botocore(zoo: Zoo, variables: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    auth = pytest.importorskip("botocore.auth")
    awsrequest = pytest.importorskip("botocore.awsrequest")
    credentials = pytest.importorskip("botocore.credentials")

    class Frozen(datetime.datetime):
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Frozen:
            return cls.fromtimestamp(FIXED.timestamp(), tz)

    monkeypatch.setattr(zoo.sdk._auth, "datetime", Frozen)
    sent = send(zoo, "cloud.list_functions", variables)
    # botocore signs every header it is given: give it the ones our signature says it signed.
    signed = sent.headers["authorization"].partition("SignedHeaders=")[2].partition(",")[0].split(";")
    assert "host" in signed and "x-amz-date" in signed
    unsigned = {k: v for k, v in sent.headers.items() if k in signed and k != "x-amz-date"}
    request = awsrequest.AWSRequest(
        method=sent.method, url=str(sent.url), data=sent.content, headers=unsigned
    )
    creds = credentials.Credentials(LITERALS["aws_access_key"], USER_VARIABLES["aws_secret"])
    with mock.patch.object(auth, "get_current_datetime", return_value=FIXED.replace(tzinfo=None)):
        auth.SigV4Auth(creds, "lambda", "us-east-1").add_auth(request)
    assert sent.headers["authorization"] == request.headers["Authorization"]
    assert "x-amz-security-token" not in sent.headers  # the saved session token is empty


def test_oauth2_client_credentials_fetches_one_token_for_the_folder(
    zoo: Zoo, variables: dict[str, str]
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url == httpx.URL(TOKEN_URL):
            return httpx.Response(200, json={"access_token": "fetched-1", "expires_in": 3600})
        return httpx.Response(200, json={})

    recorder = Recorder(answer)
    # authUrl and callbackUrl hold variables nobody set: client credentials never read them.
    with recorder.client(zoo.sdk, variables=variables) as client:
        client.fetched.token_op()
        client.fetched.token_op_two()
    token_requests = [r for r in recorder.requests if r.url == httpx.URL(TOKEN_URL)]
    assert len(token_requests) == 1
    form = dict(parse_qsl(token_requests[0].content.decode()))
    assert form == {"grant_type": "client_credentials"}
    basic = base64.b64encode(f"zoo-client:{LITERALS['client_secret']}".encode()).decode()
    assert token_requests[0].headers["authorization"] == f"Basic {basic}"
    api_calls = [r for r in recorder.requests if r.url != httpx.URL(TOKEN_URL)]
    assert [r.headers["authorization"] for r in api_calls] == ["Bearer fetched-1", "Bearer fetched-1"]


def test_hawk_and_jwt(zoo: Zoo, variables: dict[str, str]) -> None:
    mohawk = pytest.importorskip("mohawk")
    jwt = pytest.importorskip("jwt")
    sent = send(zoo, "made.hawk_op", variables)
    credentials = {"id": "hid", "key": LITERALS["hawk_key"], "algorithm": "sha256"}
    mohawk.Receiver(
        lambda _id: credentials,
        sent.headers["authorization"],
        str(sent.url),
        sent.method,
        content=sent.content,
        content_type=sent.headers.get("content-type", ""),
        accept_untrusted_content=True,
    )
    token = send(zoo, "minted.jwt_op", variables).headers["authorization"].removeprefix("Bearer ")
    assert jwt.decode(token, LITERALS["jwt_secret"], algorithms=["HS256"]) == {"sub": "zoo"}


def test_literal_header_credentials_come_from_variables(zoo: Zoo, variables: dict[str, str]) -> None:
    sent = send(zoo, "handmade.header_creds", variables)
    assert sent.headers["authorization"] == f"Bearer {LITERALS['header_bearer']}"
    assert sent.headers["x-api-key"] == LITERALS["header_api_key"]
    sent = send(zoo, "handmade.query_creds", variables)
    assert parse_qsl(sent.url.query.decode()) == [("api_key", LITERALS["query_api_key"]), ("page", "2")]


def test_environment_variables_supply_secrets(
    zoo: Zoo, variables: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUTH_ZOO_BEARER_TOKEN", "from-env")
    sent = send(zoo, "inherited.me", {k: v for k, v in variables.items() if k != "bearer_token"})
    assert sent.headers["authorization"] == "Bearer from-env"


def test_unsupported_and_unsigned_auth_send_without_auth(zoo: Zoo, variables: dict[str, str]) -> None:
    for path in ("odd.ntlm_op", "odd.empty_oauth1", "odd.oauth2_no_token"):
        assert "authorization" not in send(zoo, path, variables).headers


def test_client_auth_replaces_every_operations_auth(zoo: Zoo, variables: dict[str, str]) -> None:
    own = httpx.BasicAuth("me", "mine")
    for path in ("odd.ntlm_op", "signed.get_tweet", "inherited.me", "cloud.list_functions"):
        sent = send(zoo, path, variables, auth=own)
        assert sent.headers["authorization"] == "Basic bWU6bWluZQ=="


def test_empty_required_variable_sends_unsigned_with_a_warning(
    zoo: Zoo, variables: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="auth_zoo"):
        sent = send(zoo, "inherited.me", {**variables, "bearer_token": ""})
    assert "authorization" not in sent.headers
    assert "sending it unsigned" in caplog.text and LITERALS["collection_bearer"] not in caplog.text


def test_unset_secret_is_a_clear_error(zoo: Zoo, variables: dict[str, str]) -> None:
    recorder = Recorder()
    without = {k: v for k, v in variables.items() if k != "oauth1_consumer_secret"}
    with recorder.client(zoo.sdk, variables=without) as client:
        with pytest.raises(zoo.sdk.MissingVariableError, match="oauth1_consumer_secret"):
            client.signed.get_tweet()
    assert recorder.requests == []


def test_async_client_signs_the_same(zoo: Zoo, variables: dict[str, str]) -> None:
    recorder = Recorder()

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
        async with zoo.sdk.AsyncClient(variables=variables, http_client=http, max_retries=0) as client:
            await client.inherited.me()
            await client.signed.get_tweet()
        await http.aclose()

    asyncio.run(run())
    assert recorder.requests[0].headers["authorization"] == f"Bearer {LITERALS['collection_bearer']}"
    assert recorder.requests[1].headers["authorization"].startswith("OAuth ")


def test_manifest_lists_every_secret_variable(zoo: Zoo) -> None:
    names = {entry["variable"] for entry in zoo.manifest["secrets"]}
    assert names >= {"bearer_token", "oauth1_consumer_secret", "user_token", "x_api_key", "api_key"}


def test_no_saved_secret_in_any_generated_file(zoo: Zoo) -> None:
    from .kit import text_files

    leaks = [
        (name, key) for name, text in text_files(zoo.out).items() for key, v in LITERALS.items() if v in text
    ]
    assert leaks == []


def test_readme_documents_each_secret_and_its_environment_variable(zoo: Zoo) -> None:
    readme = (zoo.out / "README.md").read_text(encoding="utf-8")
    for entry in zoo.manifest["secrets"]:
        assert f"| `{entry['variable']}` | `AUTH_ZOO_{entry['variable'].upper()}` |" in readme
    assert "- bearer: 2 operations" in readme and "- none: 6 operations" in readme

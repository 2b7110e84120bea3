"""Each difference from newman kept on purpose (README, "Differences from newman"), asserted on its own."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from pathlib import Path

import httpx
import pytest

from conformance import referee
from conformance.compare import differences, multipart_parts
from conformance.echo import EchoServer, EchoTransport, Recorded
from generator.pipeline import generate

NAME = "differences-v21"


@pytest.fixture
def calls(
    newman_fixture_runs: dict[str, list[tuple[str, object]]], echo: EchoServer, tmp_path: Path
) -> dict[str, tuple[object, referee.SdkCall]]:
    """Per item name: (what newman sent or its error, what the SDK's no-argument call did)."""
    target = next(t for t in referee.fixture_targets() if t.name == NAME)
    sdk = referee.run_sdk(referee.plan(target), echo, tmp_path)
    rows = dict(newman_fixture_runs[NAME])
    return {call.operation.name: (rows[pointer], call) for pointer, call in sdk.items()}


def _client(tmp_path: Path, echo: EchoServer) -> tuple[object, EchoTransport]:
    target = next(t for t in referee.fixture_targets() if t.name == NAME)
    module, _ = referee._import_sdk(referee.plan(target), tmp_path / "again")
    transport = EchoTransport(echo)
    client = module.Client(max_retries=0, http_client=httpx.Client(transport=transport))  # type: ignore[attr-defined]
    return client, transport


def test_idempotency_token_is_fresh_per_call(calls: dict[str, tuple[object, referee.SdkCall]]) -> None:
    theirs, call = calls["idempotency token"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert theirs.header_values("Idempotency-Key") == ["saved-token-1"]
    ours = call.sent.header_values("Idempotency-Key")
    assert len(ours) == 1 and ours != ["saved-token-1"]
    assert [d for d in differences(theirs, call.sent, frozenset({"idempotency-key"}))] == []


def test_idempotency_token_is_on_purpose_only_where_newman_resends_a_saved_one(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["idempotency token"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    diffs, reason = referee.compare_one(call.operation, theirs, call.sent)
    assert reason is not None and len(diffs) == 1
    # newman sending no token (its saved header disabled, say) while the SDK sends one: not this difference
    kept = tuple(h for h in theirs.headers if h[0] != "Idempotency-Key")
    untokened = dataclasses.replace(theirs, headers=kept)
    assert referee.compare_one(call.operation, untokened, call.sent)[1] is None
    # nor is a token difference hiding another one
    other = dataclasses.replace(theirs, body=b'{"a": 2}')
    assert referee.compare_one(call.operation, other, call.sent)[1] is None


def test_file_saved_by_path_is_not_read_but_matches_when_passed(
    calls: dict[str, tuple[object, referee.SdkCall]], echo: EchoServer, tmp_path: Path
) -> None:
    files = referee.FIXTURES / "files"
    theirs, call = calls["file fields by path"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    parts = multipart_parts(call.sent)
    assert parts is not None and [content for _, content in parts] == [b"text part", b"", b""]
    client, transport = _client(tmp_path, echo)
    client.things.file_fields_by_path(upload=files / "hello.txt", typed=files / "data.bin")  # type: ignore[attr-defined]
    sent = echo.record(transport.last_echo_id or 0)
    assert sent is not None and differences(theirs, sent) == []

    theirs, call = calls["binary body by path"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert theirs.body == (files / "data.bin").read_bytes() and call.sent.body == b""
    client.things.binary_body_by_path(file=files / "data.bin")  # type: ignore[attr-defined]
    sent = echo.record(transport.last_echo_id or 0)
    assert sent is not None and sent.body == theirs.body


def test_unresolved_variable_raises_instead_of_sending_braces(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["unresolved variable"]
    assert isinstance(theirs, Recorded) and theirs.query == "x={{%20page%20}}&y={{undefinedVar}}"
    assert isinstance(call.sent, str) and "MissingVariableError" in call.sent
    assert "' page '" in call.sent  # "{{ page }}" names " page ", as in Postman, not "page"


def test_saved_oauth1_nonce_and_timestamp_are_not_reused(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["oauth1 saved nonce and timestamp"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    newman, ours = theirs.header_values("Authorization")[0], call.sent.header_values("Authorization")[0]
    assert 'oauth_nonce="saved"' in newman and 'oauth_timestamp="15000"' in newman
    assert 'oauth_nonce="saved"' not in ours and 'oauth_timestamp="15000"' not in ours
    assert [d for d in differences(theirs, call.sent) if not d.startswith("header authorization")] == []


def test_saved_hawk_nonce_and_timestamp_are_not_reused(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["hawk saved nonce and timestamp"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    newman, ours = theirs.header_values("Authorization")[0], call.sent.header_values("Authorization")[0]
    assert 'nonce="saved"' in newman and 'ts="1500000000"' in newman
    assert 'nonce="saved"' not in ours and 'ts="1500000000"' not in ours and ours.startswith('Hawk id="id-1"')
    diffs, reason = referee.compare_one(call.operation, theirs, call.sent)
    assert diffs == [d for d in diffs if d.startswith("header authorization")] and reason is not None


def test_saved_edgegrid_nonce_and_timestamp_are_not_reused(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["edgegrid saved nonce and timestamp"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    newman, ours = theirs.header_values("Authorization")[0], call.sent.header_values("Authorization")[0]
    assert "nonce=saved;" in newman and "timestamp=20200101T00:00:00+0000;" in newman
    assert "nonce=saved;" not in ours and "timestamp=20200101" not in ours
    assert ours.startswith("EG1-HMAC-SHA256 client_token=ct;access_token=at;")
    diffs, reason = referee.compare_one(call.operation, theirs, call.sent)
    assert diffs == [d for d in diffs if d.startswith("header authorization")] and reason is not None


def test_form_data_field_names_are_escaped_as_html_forms_escape_them(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["form-data field names with a quote and a backslash"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert b'name="say "hi""' in theirs.body and b'name="back\\slash"' in theirs.body
    assert b'name="say %22hi%22"' in call.sent.body and b'name="back\\\\slash"' in call.sent.body
    parts = multipart_parts(call.sent)
    assert parts is not None and [content for _, content in parts] == [b"1", b"2", b"3"]
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None
    # a value that differs too is not this difference
    other = dataclasses.replace(theirs, body=theirs.body.replace(b"\r\n3\r\n", b"\r\n4\r\n"))
    assert referee.compare_one(call.operation, other, call.sent)[1] is None


def test_hawk_without_algorithm_is_signed_with_sha256(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["hawk without algorithm"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert theirs.header_values("Authorization") == [""]  # newman fails to sign and sends it empty
    ours = call.sent.header_values("Authorization")[0]
    assert ours.startswith('Hawk id="id-1", ts="') and 'mac="' in ours
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None
    # an empty header on both sides is no difference, and a different header from newman is not this one
    kept = tuple(h for h in theirs.headers if h[0].lower() != "authorization")
    other = dataclasses.replace(theirs, headers=(*kept, ("Authorization", "Hawk other")))
    assert referee.compare_one(call.operation, other, call.sent)[1] is None


def test_digest_without_saved_client_nonce_gets_a_fresh_one(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["digest saved nonce without client nonce"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    newman, ours = theirs.header_values("Authorization")[0], call.sent.header_values("Authorization")[0]
    assert 'cnonce=""' in newman
    cnonce = re.search(r'cnonce="([^"]*)"', ours)
    assert cnonce is not None and len(cnonce.group(1)) == 8
    # everything else is Postman's: same fields in the same order, the saved nonce and nc
    assert re.sub(r'(cnonce|response)="[^"]*"', "", newman) == re.sub(r'(cnonce|response)="[^"]*"', "", ours)
    assert [d for d in differences(theirs, call.sent) if not d.startswith("header authorization")] == []
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None


def test_hawk_payload_hash_covers_the_content_type_sent(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["hawk payload hash of a text body"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert theirs.header_values("Content-Type") == call.sent.header_values("Content-Type") == ["text/plain"]

    def payload_hash(content_type: str) -> str:
        text = f"hawk.1.payload\n{content_type}\nhello\n"
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f'hash="{payload_hash("")}"' in theirs.header_values("Authorization")[0]  # not what it sends
    assert f'hash="{payload_hash("text/plain")}"' in call.sent.header_values("Authorization")[0]
    assert [d for d in differences(theirs, call.sent) if not d.startswith("header authorization")] == []
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None


def test_awsv4_signs_the_form_data_body_it_sends(calls: dict[str, tuple[object, referee.SdkCall]]) -> None:
    theirs, call = calls["awsv4 form-data body"]
    assert isinstance(theirs, Recorded) and isinstance(call.sent, Recorded)
    assert theirs.header_values("X-Amz-Content-Sha256") == []  # newman signs the body as if it were empty
    assert call.sent.header_values("X-Amz-Content-Sha256") == [hashlib.sha256(call.sent.body).hexdigest()]
    kept = ("header authorization", "header x-amz-content-sha256")
    assert [d for d in differences(theirs, call.sent) if not d.startswith(kept)] == []
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None


def test_unencoded_url_with_a_space_is_sent_with_just_that_escaped(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["unencoded url with a space"]
    assert isinstance(theirs, str) and "unescaped characters" in theirs
    assert isinstance(call.sent, Recorded) and call.sent.target == "/enc/a%20b?q=a%20b"
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None


def test_unencoded_url_with_latin1_letters_is_sent_utf8_escaped(
    calls: dict[str, tuple[object, referee.SdkCall]],
) -> None:
    theirs, call = calls["unencoded url with latin-1 letters"]
    assert isinstance(theirs, Recorded) and theirs.target == "/enc/caf\u00e9?q=\u00fc"  # one byte each
    assert isinstance(call.sent, Recorded) and call.sent.target == "/enc/caf%C3%A9?q=%C3%BC"
    assert referee.compare_one(call.operation, theirs, call.sent)[1] is not None
    # not this difference when anything else differs
    other = dataclasses.replace(theirs, target="/enc/other?q=\u00fc")
    assert referee.compare_one(call.operation, other, call.sent)[1] is None


def test_raw_only_url_object_is_sent(calls: dict[str, tuple[object, referee.SdkCall]]) -> None:
    theirs, call = calls["raw-only url object"]
    assert isinstance(theirs, str) and "request url is empty" in theirs
    assert isinstance(call.sent, Recorded) and call.sent.target == "/raw/only?x=1"


def test_saved_content_length_is_recomputed(tmp_path: Path) -> None:
    doc = {
        "info": {
            "name": "length",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "item": [
            {
                "name": "post",
                "request": {
                    "method": "POST",
                    "url": "https://api.conformance.test/things",
                    "header": [{"key": "Content-Length", "value": "999"}],
                    "body": {"mode": "raw", "raw": "hello"},
                },
            }
        ],
    }
    path = tmp_path / "length.postman_collection.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    target = referee.Target("length", path)
    module, _ = referee._import_sdk(referee.plan(target), tmp_path / "sdk")
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    with module.Client(http_client=httpx.Client(transport=transport)) as client:  # type: ignore[attr-defined]
        client.things.post()
    assert seen[0].headers.get_list("content-length") == ["5"]
    assert generate(str(path), formatting=False).api.all_operations()[0][1].headers == ()

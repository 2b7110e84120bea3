"""Postman's dynamic variables, not pinned: the SDK knows every name newman knows, makes a value of the same
shape, and makes a fresh one per call."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from conformance import referee
from conformance.echo import EchoServer, EchoTransport

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
DATE = r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d{4} \d\d:\d\d:\d\d GMT\+0000 \(Coordinated Universal Time\)"
SHAPES = {
    "$guid": UUID,
    "$randomUUID": UUID,
    "$timestamp": r"\d{10}",
    "$isoTimestamp": ISO,
    "$randomDatePast": DATE,
    "$randomDateFuture": DATE,
    "$randomDateRecent": DATE,
    "$randomInt": r"\d{1,4}",
    "$randomBoolean": r"true|false",
    "$randomAlphaNumeric": r"[a-z0-9]",
    "$randomIP": r"\d{1,3}(\.\d{1,3}){3}",
    "$randomIPV6": r"[0-9a-f]{4}(:[0-9a-f]{4}){7}",
    "$randomMACAddress": r"[0-9a-f]{2}(:[0-9a-f]{2}){5}",
    "$randomHexColor": r"#[0-9a-f]{6}",
    "$randomPhoneNumber": r"\d{3}-\d{3}-\d{4}",
    "$randomSemver": r"\d\.\d\.\d",
    "$randomPrice": r"\d+\.\d\d",
    "$randomLatitude": r"-?\d+\.\d{4}",
    "$randomLongitude": r"-?\d+\.\d{4}",
    "$randomBankAccount": r"\d{8}",
    "$randomCreditCardMask": r"\d{4}",
    "$randomEmail": r"[^@\s]+@[^@\s]+\.[a-z]+",
    "$randomExampleEmail": r"[^@\s]+@example\.(com|net|org)",
    "$randomUrl": r"https?://[a-z0-9.-]+\.[a-z]+",
}
ENTRY = re.compile(r"@@(\$[A-Za-z]+)@@(.*?)@@end", re.DOTALL)


def _names() -> list[str]:
    text = (referee.HERE.parents[1] / "templates" / "sdk" / "_dynamic.py").read_text(encoding="utf-8")
    listed = re.findall(r'"(\$[A-Za-z]+)"', text)
    topics = re.search(r"_IMAGE_TOPICS = \(([^)]*)\)", text)
    assert topics is not None
    images = [f"$random{t.capitalize()}Image" for t in re.findall(r'"(\w+)"', topics.group(1))]
    return sorted(set(listed + images))


def test_dynamic_variables_like_newman(newman_available: None, tmp_path: Path) -> None:
    names = _names()
    assert len(names) >= 110
    body = "".join(f"@@{n}@@{{{{{n}}}}}@@end\n" for n in names)
    doc = {
        "info": {"name": "dynamic", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {
                "name": "all",
                "request": {
                    "method": "POST",
                    "url": "https://api.conformance.test/dynamic",
                    "body": {"mode": "raw", "raw": body},
                },
            }
        ],
    }
    path = tmp_path / "dynamic.postman_collection.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    target = referee.Target("dynamic", path)
    plan = referee.plan(target)
    plan = referee.Plan(target, plan.document, None, {}, {})  # nothing pinned
    with EchoServer() as echo:
        rows = referee.run_newman([plan], echo)["dynamic"]
        theirs = rows[0][1]
        assert not isinstance(theirs, str), theirs
        module, _ = referee._import_sdk(plan, tmp_path / "sdk")
        transport = EchoTransport(echo)
        sent = []
        with module.Client(max_retries=0, http_client=httpx.Client(transport=transport)) as client:  # type: ignore[attr-defined]
            for _ in range(2):
                client.dynamic.all()
                record = echo.record(transport.last_echo_id or 0)
                assert record is not None
                sent.append(dict(ENTRY.findall(record.body.decode("utf-8"))))
    newman = dict(ENTRY.findall(theirs.body.decode("utf-8")))
    ours = sent[0]
    assert sorted(newman) == sorted(ours) == names
    for name in names:
        assert newman[name] != f"{{{{{name}}}}}", f"newman does not know {name}"
        assert ours[name] and ours[name] != f"{{{{{name}}}}}", name
        shape = SHAPES.get(name)
        if shape:
            assert re.fullmatch(shape, newman[name]), (name, newman[name])
            assert re.fullmatch(shape, ours[name]), (name, ours[name])
    assert sent[0]["$guid"] != sent[1]["$guid"]  # produced per call

"""parse: every request construct lands in the IR as Postman means it."""

from __future__ import annotations

from support import collection, request_item

from generator.load import Loaded
from generator.model import Api, Operation
from generator.parse import parse


def parse_doc(doc: dict[str, object], kind: str = "collection") -> Api:
    return parse(Loaded("t.json", doc, kind, "2.1", "", "0" * 64, "t"))  # type: ignore[arg-type]


def only_op(api: Api) -> Operation:
    ops = api.all_operations()
    assert len(ops) == 1
    return ops[0][1]


def test_url_string_is_split_like_postman() -> None:
    op = only_op(
        parse_doc(collection(request_item("x", url="https://api.example.test:8443/v1/a/b?x=1&flag&y=#frag")))
    )
    url = op.url
    assert (url.protocol, url.host, url.port, url.path, url.hash) == (
        "https",
        "api.example.test",
        "8443",
        ("v1", "a", "b"),
        "frag",
    )
    assert [(q.key, q.value) for q in url.query] == [("x", "1"), ("flag", None), ("y", "")]


def test_url_object_with_path_variables_and_disabled_query() -> None:
    url = {
        "raw": "{{baseUrl}}/pets/:petId?limit=2",
        "host": ["{{baseUrl}}"],
        "path": ["pets", ":petId"],
        "query": [{"key": "limit", "value": "2"}, {"key": "tags", "value": "a", "disabled": True}],
        "variable": [{"key": "petId", "value": "12"}],
    }
    op = only_op(parse_doc(collection(request_item("Get pet", url=url))))
    assert op.url.base_variable == "baseUrl"
    assert op.path_params == (("petId", "12", "pet_id"),)
    assert [(q.key, q.enabled, q.param) for q in op.url.query] == [
        ("limit", True, "limit"),
        ("tags", False, "tags"),
    ]
    assert {p.py_name for p in op.params} == {"pet_id", "limit", "tags"}


def test_headers_disabled_repeated_and_idempotency() -> None:
    headers = [
        {"key": "X-Trace", "value": "1"},
        {"key": "X-Trace", "value": "2"},
        {"key": "X-Off", "value": "no", "disabled": True},
        {"key": "Idempotency-Key", "value": "saved"},
        {"key": "Content-Length", "value": "12"},
    ]
    op = only_op(parse_doc(collection(request_item("x", "POST", header=headers))))
    assert [(h.key, h.enabled) for h in op.headers] == [
        ("X-Trace", True),
        ("X-Trace", True),
        ("X-Off", False),
        ("Idempotency-Key", False),
    ]
    assert op.idempotency_header == "idempotency-key"
    assert [p.py_name for p in op.params] == ["x_trace", "x_off", "idempotency_key"]


def test_body_modes() -> None:
    items = [
        request_item(
            "raw json",
            "POST",
            body={"mode": "raw", "raw": '{"a": 1}', "options": {"raw": {"language": "json"}}},
        ),
        request_item(
            "raw xml", "POST", body={"mode": "raw", "raw": "<a/>", "options": {"raw": {"language": "xml"}}}
        ),
        request_item("form", "POST", body={"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}),
        request_item(
            "multi",
            "POST",
            body={"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": "/etc/passwd"}]},
        ),
        request_item(
            "gql", "POST", body={"mode": "graphql", "graphql": {"query": "{ me }", "variables": "{}"}}
        ),
        request_item("off", "POST", body={"mode": "raw", "raw": "x", "disabled": True}),
        request_item("odd", "POST", body={"mode": "carrier-pigeon"}),
    ]
    api = parse_doc(collection(*items))
    ops = {op.name: op for _, op in api.all_operations()}
    assert ops["raw json"].body is not None and ops["raw json"].body.is_json
    assert ops["raw json"].body.content_type == "application/json"
    assert ops["raw xml"].body is not None and ops["raw xml"].body.content_type == "application/xml"
    assert (
        ops["form"].body is not None and ops["form"].body.content_type == "application/x-www-form-urlencoded"
    )
    multi = ops["multi"].body
    assert multi is not None and multi.fields[0].kind == "file" and multi.fields[0].src == "/etc/passwd"
    assert ops["gql"].body is not None and ops["gql"].body.graphql_query == "{ me }"
    assert ops["off"].body is None
    # an unknown mode is raw, as Postman reads it (here an empty one: nothing is sent)
    assert ops["odd"].body is not None and (ops["odd"].body.mode, ops["odd"].body.raw) == ("raw", "")
    assert any("carrier-pigeon" in message for _, message in api.warnings)


def test_auth_inheritance_and_noauth() -> None:
    bearer = {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}
    basic = {"type": "basic", "basic": {"username": "u", "password": "{{pw}}"}}  # v2.0 shape
    doc = collection(
        {"name": "A", "item": [request_item("inherits")]},
        {"name": "B", "auth": {"type": "noauth"}, "item": [request_item("none")]},
        {
            "name": "C",
            "auth": basic,
            "item": [request_item("folder basic"), request_item("own", auth=bearer)],
        },
        auth=bearer,
    )
    ops = {op.name: op for _, op in parse_doc(doc).all_operations()}
    assert ops["inherits"].auth is not None and ops["inherits"].auth.type == "bearer"
    assert ops["none"].auth is None
    folder = ops["folder basic"].auth
    assert folder is not None and folder.type == "basic" and ("password", "{{pw}}") in folder.params
    assert ops["own"].auth is not None and ops["own"].auth.type == "bearer"


def test_saved_secrets_become_variables() -> None:
    doc = collection(
        request_item("x"), auth={"type": "bearer", "bearer": [{"key": "token", "value": "sk_live_123"}]}
    )
    api = parse_doc(doc)
    op = only_op(api)
    assert op.auth is not None and op.auth.params == (("token", "{{bearer_token}}"),)
    assert ("bearer_token", "/auth/bearer/0/value") in api.secrets
    assert any("bearer_token" in message for _, message in api.warnings)


def test_scripts_are_warnings_with_pointers() -> None:
    item = request_item("x")
    item["event"] = [{"listen": "prerequest", "script": {"exec": ["pm.environment.set('a', 1)"]}}]
    api = parse_doc(collection(item))
    assert ("/item/0/event/0", "prerequest script not run (scripts are ignored)") in api.warnings
    assert only_op(api).scripts == ("prerequest",)


def test_single_item_groups_by_resource_and_has_empty_source() -> None:
    item = request_item("CreateThing", "POST", url="{{baseUrl}}/v1/things")
    api = parse_doc(item, kind="item")
    ((chain, op),) = api.all_operations()
    assert [g.py_name for g in chain] == ["things"] and op.source == ""


def test_names_are_unique_per_scope() -> None:
    doc = collection(
        {"name": "Users", "item": [request_item("Get"), request_item("get"), {"name": "get", "item": []}]},
        {"name": "users", "item": []},
        {"name": "close", "item": []},
    )
    api = parse_doc(doc)
    assert [g.py_name for g in api.groups] == ["users", "users_2", "close_"]
    assert [op.py_name for op in api.groups[0].operations] == ["get", "get_2"]
    assert api.groups[0].groups[0].py_name == "get_3"
    assert len({g.class_name for g in api.groups}) == 3


def test_deep_folders_do_not_recurse() -> None:
    inner: dict[str, object] = request_item("leaf")
    for depth in range(300):
        inner = {"name": f"level {depth}", "item": [inner]}
    api = parse_doc(collection(inner))
    assert len(api.all_operations()) == 1


def test_url_object_auth_becomes_user_info_as_postman_writes_it() -> None:
    base = {"protocol": "https", "host": ["api", "example", "test"], "path": ["ui"]}
    cases = [
        ({"user": "u", "password": "p w"}, "u:p w@api.example.test"),
        ({"user": "u"}, "u@api.example.test"),
        ({"password": "p"}, ":p@api.example.test"),
        ({}, "api.example.test"),
        ("u:p", "api.example.test"),
    ]
    for auth, host in cases:
        op = only_op(parse_doc(collection(request_item("x", url={**base, "auth": auth}))))
        assert op.url.host == host, auth


def test_a_single_event_object_is_read_as_a_one_event_list() -> None:
    event = {"listen": "prerequest", "script": {"exec": ["pm.variables.set('a', 1);"]}}
    item = {**request_item("x"), "event": event}
    api = parse_doc(collection(item))
    assert ("/item/0/event", "prerequest script not run (scripts are ignored)") in api.warnings


def test_a_body_mode_is_read_in_any_case_and_an_unknown_one_as_raw() -> None:
    upper = {"mode": "URLENCODED", "urlencoded": [{"key": "a", "value": "1"}]}
    op = only_op(parse_doc(collection(request_item("x", "POST", body=upper))))
    assert op.body is not None and op.body.mode == "urlencoded" and op.body.fields[0].key == "a"
    api = parse_doc(collection(request_item("x", "POST", body={"mode": "weird", "raw": "r"})))
    body = only_op(api).body
    assert body is not None and (body.mode, body.raw) == ("raw", "r")
    assert any("unknown body mode 'weird': sent as raw" in message for _, message in api.warnings)
    assert only_op(parse_doc(collection(request_item("x", "POST", body={"mode": ""})))).body is None

"""The examples stage: which examples type what, text versus JSON responses, names across folders."""

from __future__ import annotations

import json
from pathlib import Path

from generator import load
from generator.examples import apply_types
from generator.model import Api, ClassName, ListOf, ModelRef, Nullable, Operation, Prim, UnionOf
from generator.parse import parse

STR = Prim("str")
V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def api_of(tmp_path: Path, *items: object) -> Api:
    path = tmp_path / "collection.json"
    path.write_text(json.dumps({"info": {"name": "Tiny", "schema": V21}, "item": list(items)}), "utf-8")
    return apply_types(parse(load.load(str(path))))


def item(name: str, *responses: tuple[int | None, str], url: str = "https://x.test/things") -> object:
    saved = [{"name": f"r{i}", "code": code, "body": body} for i, (code, body) in enumerate(responses)]
    for response in saved:
        if response["code"] is None:
            del response["code"]
    return {"name": name, "request": {"method": "GET", "url": url}, "response": saved}


def only_op(api: Api) -> Operation:
    [(_, op)] = api.all_operations()
    return op


def test_a_json_string_is_json_and_text_is_text(tmp_path: Path) -> None:
    op = only_op(api_of(tmp_path, item("word", (200, '"a word"'))))
    assert (op.response_type, op.text_response) == (Prim("str"), False)
    op = only_op(api_of(tmp_path, item("word", (200, "a word"))))
    assert (op.response_type, op.text_response) == (Prim("str"), True)


def test_text_beside_json_is_the_json_type_or_str(tmp_path: Path) -> None:
    op = only_op(api_of(tmp_path, item("mixed", (200, '{"a": 1}'), (200, "plain"))))
    assert (op.response_type, op.text_response) == (UnionOf((ModelRef(ClassName("Thing")), STR)), False)
    op = only_op(api_of(tmp_path, item("mixed", (200, '["a"]'), (200, "plain"), (204, ""))))
    assert op.response_type == Nullable(UnionOf((ListOf(STR), STR)))
    op = only_op(api_of(tmp_path, item("mixed", (204, ""), (200, "plain"))))
    assert (op.response_type, op.text_response) == (Prim("any"), False)


def test_empty_bodies_make_the_return_type_nullable(tmp_path: Path) -> None:
    op = only_op(api_of(tmp_path, item("get", (200, '{"a": 1}'), (204, ""))))
    assert op.response_type == Nullable(ModelRef(ClassName("Thing")))
    assert only_op(api_of(tmp_path, item("delete", (204, "")))).response_type == Prim("none")
    assert only_op(api_of(tmp_path, item("nothing"))).response_type == Prim("any")


def test_an_example_without_a_status_is_a_success(tmp_path: Path) -> None:
    op = only_op(api_of(tmp_path, item("get", (None, "[1, 2]"))))
    assert op.response_type == ListOf(Prim("int"))


def test_errors_keep_every_status_and_type_the_json_ones(tmp_path: Path) -> None:
    op = only_op(api_of(tmp_path, item("get", (404, '{"code": "x"}'), (500, "oops"))))
    assert [(e.status, e.type) for e in op.errors] == [(404, ModelRef(ClassName("Error"))), (500, None)]


def test_an_operation_name_repeated_across_folders_takes_its_folder(tmp_path: Path) -> None:
    def folder(name: str, body: str) -> object:
        return {"name": name, "item": [item("split", (200, body), url="https://x.test/")]}

    api = api_of(tmp_path, folder("payments", '{"a": 1}'), folder("sessions", '{"b": 1}'))
    assert sorted(m.name for m in api.models) == ["SessionsSplitResponse", "SplitResponse"]

"""The examples stage: which examples type what, text versus JSON responses, names across folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def test_a_lone_surrogate_in_a_json_body_is_written_escaped_and_returned_as_parsed(tmp_path: Path) -> None:
    """A body's JSON may escape a lone surrogate (``"\\ud800"``), which has no UTF-8 form: the files hold it
    escaped (generation used to crash), and the SDK still returns and raises exactly the examples' JSON."""
    lone = '{"k\\ud800": "v\\udc00", "n": 1}'
    body = {"mode": "raw", "raw": lone, "options": {"raw": {"language": "json"}}}
    answers = [{"name": "ok", "code": 200, "body": lone}, {"name": "bad", "code": 400, "body": lone}]
    post = {"name": "post", "request": {"method": "POST", "url": "https://x.test/things", "body": body}}
    out = generated_and_tested(tmp_path, {**post, "response": answers})
    for file in out.rglob("*"):
        if file.is_file():
            file.read_bytes().decode("utf-8")
    cases = json.loads((out / "tests" / "data" / "things.json").read_text("utf-8"))
    assert [case["response"]["json"] for case in cases] == [json.loads(lone)] * 3


def test_the_generated_tests_and_the_types_agree_on_what_a_success_is(tmp_path: Path) -> None:
    """An example without a status is a 200 to both (the call with no arguments was answered with an empty
    body, so the operation typed by that example failed); a 1xx, 0 or negative status is neither typed nor
    tested (the tests expected a model the types never made)."""
    answers = [
        {"name": "informational", "code": 101, "body": '{"b": 1}'},
        {"name": "zero", "code": 0, "body": '{"c": 1}'},
        {"name": "negative", "code": -1, "body": '{"d": 1}'},
        {"name": "no status", "body": '{"a": 1}'},
    ]
    item = {"name": "get", "request": {"method": "GET", "url": "https://x.test/things"}, "response": answers}
    out = generated_and_tested(tmp_path, item)
    cases = json.loads((out / "tests" / "data" / "things.json").read_text("utf-8"))
    assert [(case["response"]["status"], case["response"]["json"]) for case in cases] == [(200, {"a": 1})] * 2


def generated_and_tested(tmp_path: Path, *items: object) -> Path:
    """The SDK of a collection of ``items``, generated by the CLI, after its own tests passed."""
    path = tmp_path / "collection.json"
    path.write_text(json.dumps({"info": {"name": "Tiny", "schema": V21}, "item": list(items)}), "utf-8")
    out = tmp_path / "sdk"
    run = [sys.executable, "-m", "generator", str(path), "-o", str(out), "-q", "--no-format"]
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    tests = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(out), "tests"]
    env = {**os.environ, "PYTHONPATH": str(out / "src")}
    done = subprocess.run(tests, cwd=out, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "failed" not in done.stdout and "skipped" not in done.stdout
    return out

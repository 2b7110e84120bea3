"""The fast path of the format stage: text emitted in black's style (resource modules, the runtime files)
is kept where it is plainly formatted, and the result is black's bytes for the whole file all the same."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import black
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import COLLECTIONS, ROOT, SHARED, V21, collection

from generator import format as fmt
from generator import layout, load
from generator.examples import apply_types
from generator.literals import docstring
from generator.parse import parse
from generator.render import VERBATIM, render_styled

sys.path.insert(0, str(ROOT / "tests" / "hostile"))
import hostile_kit  # noqa: E402

REAL = sorted((SHARED / "collections" / "real").glob("*.postman_collection.json"))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def whole(text: str) -> str:
    return black.format_str(text, mode=fmt.black_mode())


def styled_files(path: Path) -> tuple[dict[str, str], frozenset[str]]:
    return render_styled(apply_types(parse(load.load(str(path)))))


def assert_black_bytes(
    files: dict[str, str], styled: frozenset[str], *, only_resources: bool = False
) -> None:
    """Every file, through the fast path, is what black makes of the whole file."""
    if only_resources:  # the runtime files are the same whatever the collection
        styled = frozenset(p for p in styled if "/resources/" in p or p.endswith("/models.py"))
    fast = fmt.format_files({path: files[path] for path in styled}, black_style=styled)
    for path in styled:
        assert fast[path] == whole(files[path]), path


@pytest.mark.parametrize(
    "path", [COLLECTIONS / "petstore-lite.postman_collection.json", *REAL], ids=lambda p: p.name.split(".")[0]
)
def test_bundled_and_real_sdks_get_black_bytes(path: Path) -> None:
    files, styled = styled_files(path)
    assert any("/resources/" in p for p in styled) and any(p.endswith("/models.py") for p in styled)
    assert all(any(p.endswith(v) for p in styled) for v in VERBATIM)
    assert styled == {p for p in files if p.endswith(".py")}  # every built-in template is in black's style
    assert_black_bytes(files, styled)


def test_hostile_names_and_descriptions_get_black_bytes(tmp_path: Path) -> None:
    strings = hostile_kit.payloads(tmp_path / "CANARY")
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile_kit.hostile_collection(strings)))
    assert_black_bytes(*styled_files(path))


@pytest.mark.parametrize("name", ["a\n   X-Injected: 1", 'ends in a quote"', "tab\there", "  \n\n  x  \n  y"])
def test_names_with_line_breaks_and_quotes_get_black_bytes(tmp_path: Path, name: str) -> None:
    """Collection, folder and request names land in docstrings of the client, the package, the errors and
    the tests: black's docstring rules (re-indenting, padding a closing quote) hold for all of them."""
    request = {"name": name, "request": "https://a.example/x", "response": []}
    doc = {"info": {"name": name, "schema": V21}, "item": [{"name": name, "item": [request]}]}
    path = tmp_path / "names.json"
    path.write_text(json.dumps(doc))
    assert_black_bytes(*styled_files(path))


def test_a_collection_without_requests_gets_black_bytes(tmp_path: Path) -> None:
    """No folder, no request: the templates' loops run zero times, and the blank lines are still black's."""
    path = tmp_path / "empty.json"
    path.write_text(json.dumps({"info": {"name": "empty", "schema": V21}, "item": []}))
    assert_black_bytes(*styled_files(path))


# Text a description may hold: quotes at either end, backslashes, long words, blank lines, odd whitespace.
_PIECES = st.sampled_from(
    [
        '"',
        '""',
        '"""',
        "\\",
        "\\\\",
        "\n",
        "\n\n",
        "  ",
        "\t",
        "\u2028",
        "\x85",
        "\xa0",
        "ñ",
        "漢字",
        "#",
        "x" * 60,
    ]
)
DESCRIPTIONS = st.lists(_PIECES | st.text(max_size=8), max_size=14).map("".join)


@SETTINGS
@given(folder=DESCRIPTIONS, request=DESCRIPTIONS, name=st.text(max_size=90))
def test_any_description_or_name_gets_black_bytes(folder: str, request: str, name: str) -> None:
    item = {
        "name": name or "x",
        "description": request,
        "request": {"method": "GET", "url": "https://a.test/b"},
    }
    data = collection({"name": "Folder", "description": folder, "item": [item]})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.json"
        path.write_text(json.dumps(data))
        assert_black_bytes(*styled_files(path), only_resources=True)


# A docstring of a module, a class and a method: at the indent ``docstring_block`` is given.
DOCSTRING_AT = {
    0: "{block}\n",
    4: "class A:\n    {block}\n",
    8: "class A:\n    def f(self) -> None:\n        {block}\n",
}


@SETTINGS
@given(text=DESCRIPTIONS, indent=st.sampled_from(sorted(DOCSTRING_AT)))
def test_docstring_blocks_are_what_black_writes(text: str, indent: int) -> None:
    block = layout.docstring_block(docstring(text), indent)
    source = DOCSTRING_AT[indent].format(block=block)
    if fmt.plainly_formatted(source):  # else the format stage hands it to black
        assert whole(source) == source


def test_a_piece_black_would_change_is_not_plainly_formatted() -> None:
    assert not fmt.plainly_formatted("x = 1 \n")  # trailing space
    assert not fmt.plainly_formatted("x = [\n\t1]\n")  # a tab
    assert not fmt.plainly_formatted("x = " + "1 + " * 40 + "1\n")  # a long line of code
    assert not fmt.plainly_formatted("x = '" + "漢" * 40 + "'\n")  # 80 characters, wider than 110 columns
    assert fmt.plainly_formatted('def f() -> None:\n    """' + "word " * 40 + '"""\n')  # a long docstring


def test_a_template_of_the_users_is_formatted_in_full(tmp_path: Path) -> None:
    """Only gen-client's own templates promise black's style: a user's group template is formatted whole."""
    own = tmp_path / "templates" / "sdk" / "resources"
    own.mkdir(parents=True)
    builtin = ROOT / "templates" / "sdk" / "resources"
    for name in ("group.py.jinja", "_macros.jinja"):
        (own / name).write_text((builtin / name).read_text().replace("    def __init__", "    def  __init__"))
    api = apply_types(parse(load.load(str(COLLECTIONS / "petstore-lite.postman_collection.json"))))
    files, styled = render_styled(api, [tmp_path / "templates"])
    assert styled and not any(p.endswith("/resources/pets.py") for p in styled)
    out = fmt.format_files(files, black_style=styled)
    module = next(p for p in files if p.endswith("/resources/pets.py"))
    assert "def  __init__" in files[module] and out[module] == whole(files[module])


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Users", True),  # every import on one line
        ("Billing meter event adjustment summaries", True),  # some imports split, every def fits
        (" ".join(["Billing meter event adjustment"] * 4), False),  # longer than black can split: black
    ],
)
def test_lazy_group_imports_are_laid_out_as_black_does(tmp_path: Path, name: str, plain: bool) -> None:
    item = {"name": "get", "request": {"method": "GET", "url": "https://a.test/b"}}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(collection({"name": name, "item": [item]})))
    files, styled = styled_files(path)
    client = next(p for p in files if p.endswith("/_client.py"))
    assert all(fmt.plainly_formatted(piece) for piece in fmt.pieces(files[client], 1)) == plain
    assert_black_bytes({client: files[client]}, frozenset([client]))
    if plain:
        assert whole(files[client]) == files[client]


@pytest.mark.parametrize("name", ["commercetools-api", "stripe-api", "twitter-api-v2"])
def test_the_largest_real_sdks_need_no_black_for_their_operations(name: str) -> None:
    """Where the time goes: in the largest real SDKs every resource module is emitted as black writes it,
    so a cold run sends none of them to black (a layout slip sent commercetools' 7,475-line module there)."""
    path = SHARED / "collections" / "real" / f"{name}.postman_collection.json"
    if not path.exists():
        pytest.skip("../shared is not here")
    files, _ = styled_files(path)
    modules = [p for p in files if "/resources/" in p and p.endswith(".py")]
    assert modules and [p for p in modules if not fmt.plainly_formatted(files[p])] == []
    assert [p for p in modules if whole(files[p]) != files[p]] == []


@pytest.mark.parametrize("length", [20, 60, 84, 85, 86, 90, 95, 97, 98, 99, 100, 101, 120])
def test_a_calls_statement_is_black_bytes_whatever_its_length(length: int) -> None:
    """``invoke(_OPS[label], converter, locals())`` on one line, three, or one argument a line with the
    subscript split too: what black writes for each length of the label."""
    label = "group." + "x" * (length - 6)
    for converter in ("models.Thing.from_json", "models." + "Long" * 12 + ".from_json"):
        body = layout.call_statement(label, converter)
        source = f"class A:\n    def f(self) -> None:\n        {body}\n"
        assert fmt.plainly_formatted(source)
        assert whole(source) == source, source

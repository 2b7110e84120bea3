"""URL rules of the SDK runtime that httpx alone would not follow: IPv4 hosts written short, dot segments and
characters kept on the request line, query auth that keeps them."""

from __future__ import annotations

from types import ModuleType

import httpx
import pytest


@pytest.mark.parametrize(
    ("host", "full"),
    [
        ("127.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("10.1.258", "10.1.1.2"),
        ("1234", "0.0.4.210"),
        ("127.0.0.1.", "127.0.0.1"),
        ("api.example.test", None),
        ("1.2.3.com", None),
        ("09.1", None),  # not octal: WHATWG refuses it, so it stays as it is
        ("256.1.1.1", None),
        ("1.2.3.4.5", None),
        ("", None),
    ],
)
def test_ipv4_hosts_are_read_as_whatwg_reads_them(sdk: ModuleType, host: str, full: str | None) -> None:
    assert sdk._runtime._ipv4(host) == full
    if full:
        assert sdk._runtime._host(f"u:p@{host}:8080") == f"u:p@{full}:8080"


def test_request_target_keeps_dot_segments_and_escapes_only_what_a_request_line_cannot_carry(
    sdk: ModuleType,
) -> None:
    target = sdk._runtime.request_target
    assert target("https://h/a/./b/../c?x=./..") == "/a/./b/../c?x=./.."
    assert target('https://h/e/"q"/{x}|^`<>?t="q"') == '/e/"q"/{x}|^`<>?t="q"'
    assert target("https://h/a b/\u00e9?q=\x01") == "/a%20b/%C3%A9?q=%01"
    assert target("https://h") is None
    assert target("https://h/a#b") is None


def test_with_target_sets_the_request_line_byte_for_byte(sdk: ModuleType) -> None:
    url = sdk._auth.with_target(httpx.URL("https://h.test/x"), '/a/./b/../c?q="x"')
    assert url.raw_path == b'/a/./b/../c?q="x"' and url.host == "h.test"


def test_with_target_falls_back_to_httpx_when_its_internals_differ(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Other(httpx.URL):
        @property
        def _uri_reference(self) -> object:  # type: ignore[override]
            raise AttributeError("gone")

        @_uri_reference.setter
        def _uri_reference(self, value: object) -> None:
            raise AttributeError("gone")

    url = httpx.URL("https://h.test/x")
    monkeypatch.setattr(sdk._auth.httpx, "URL", lambda u: Other.__new__(Other))

    # httpx's own reading of the target: dot segments resolved, as before this rule
    assert sdk._auth.with_target(url, "/a/./b/../c").raw_path == b"/a/c"


def test_query_auth_keeps_the_dot_segments(sdk: ModuleType) -> None:
    request = httpx.Request("GET", "https://h.test/x")
    request.url = sdk._auth.with_target(request.url, "/a/./b/../c?x=1")
    flow = sdk._auth.APIKeyAuth("k", "v 1", location="query").auth_flow(request)
    assert next(flow).url.raw_path == b"/a/./b/../c?x=1&k=v%201"


def test_a_variables_query_or_fragment_is_read_again_but_an_arguments_is_data(sdk: ModuleType) -> None:
    runtime = sdk._runtime
    op = runtime.Operation(
        name="x",
        method="GET",
        origin="{{base}}",
        path=("items", ":id"),
        path_params=(("id", "", "id_"),),
        query=(runtime.Query("c", "3"),),
    )
    values = {"base": "https://h.test/get?t=1", "hashed": "https://h.test/g#f"}

    def expand(text: str) -> str:
        return runtime.VARIABLE.sub(lambda m: values[m.group(1)], text)

    # as Postman: the expanded URL is split again, so the variable's query comes first
    assert runtime.build_url(op, {"id_": "7"}, expand, True) == "https://h.test/get?t=1/items/7?c=3"
    hashed = runtime.Operation(name="y", method="GET", origin="{{hashed}}", query=(runtime.Query("c", "3"),))
    assert runtime.build_url(hashed, {}, expand, True) == "https://h.test/g"
    plain = runtime.Operation(
        name="z",
        method="GET",
        origin="https://h.test",
        path=("items", ":id"),
        path_params=(("id", "", "id_"),),
    )
    for encode in (True, False):
        assert runtime.build_url(plain, {"id_": "a?b#c"}, expand, encode) == "https://h.test/items/a%3Fb%23c"


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://h.test:443/x", "h.test:443"),
        ("http://u:p@h.test:80", "h.test:80"),
        ("http://h.test:0080/x?q", "h.test:0080"),
        ("https://[::1]:443/x", "[::1]:443"),
        ("https://h.test:8443/x", None),  # httpx writes it the same
        ("https://h.test/x", None),
        ("http://h.test:80abc/x", None),
    ],
)
def test_a_written_out_default_port_stays_in_host(sdk: ModuleType, url: str, host: str | None) -> None:
    assert sdk._runtime.explicit_host(url) == host

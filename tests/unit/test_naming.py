"""naming: every wire name becomes a safe, stable, unique identifier."""

from __future__ import annotations

import keyword

from hypothesis import given
from hypothesis import strategies as st

from generator import naming


def test_words_and_cases() -> None:
    assert naming.snake("CreateVolumeGroupBackup") == "create_volume_group_backup"
    assert naming.snake("opc-retry-token") == "opc_retry_token"
    assert naming.pascal("volume group backups") == "VolumeGroupBackups"
    assert naming.snake("HTTPServerError") == "http_server_error"
    assert naming.snake("Café crème") == "cafe_creme"


def test_keywords_digits_empty_and_reserved() -> None:
    assert naming.identifier("class") == "class_"
    assert naming.identifier("None") == "none"
    assert naming.identifier("2fa code") == "value_2fa_code"
    assert naming.identifier("") == "value"
    assert naming.identifier("!!!", fallback="header") == "header"
    assert naming.identifier("self", avoid=naming.OPERATION_RESERVED) == "self_"
    assert naming.class_name("list") == "List"
    assert naming.class_name("dict") == "Dict"
    assert naming.class_name("Exception") == "Exception_"


def test_scope_makes_collisions_distinct_in_order() -> None:
    scope = naming.Scope()
    assert [scope.identifier(t) for t in ("a-b", "a_b", "A B")] == ["a_b", "a_b_2", "a_b_3"]


@given(st.text(max_size=40))
def test_identifier_is_always_valid(text: str) -> None:
    name = naming.identifier(text)
    assert name.isidentifier() and not keyword.iskeyword(name) and name.isascii()
    cls = naming.class_name(text)
    assert cls.isidentifier() and not keyword.iskeyword(cls) and cls.isascii()

"""An OCI collection's SDK signs through ``OCISigner``: the seed request (and a GET, a PUT and a DELETE of the
OCI Notifications collection), sent by the generated client, carry the ``Authorization``,
``x-content-sha256`` and ``Date`` headers the official ``oci`` SDK's signer computes for the same request,
with no ``{{signature}}``/``{{date}}``/``{{content_sha256}}`` variables given."""

from __future__ import annotations

import email.utils
import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from support import SEED, shared_path

from .kit import Recorder, generate, import_sdk

oci_signer = pytest.importorskip("oci.signer")
requests = pytest.importorskip("requests")
serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")

TENANCY = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
USER = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34"
FIXED_TIME = 1_700_000_000.0
PLACEHOLDERS = {"signature", "date", "content_sha256"}


@pytest.fixture(scope="module")
def key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = tmp_path_factory.mktemp("oci-key") / "key.pem"
    path.write_bytes(pem)
    return path


def signer(sdk: ModuleType, key_file: Path) -> Any:
    return sdk.OCISigner(
        tenancy=TENANCY,
        user=USER,
        fingerprint=FINGERPRINT,
        private_key=key_file.read_text(),
        clock=lambda: FIXED_TIME,
    )


def case_of(out: Path, operation: str) -> dict[str, Any]:
    """The generated request case of ``operation``."""
    for path in sorted((out / "tests" / "data").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if case["operation"] == operation:
                return dict(case)
    raise AssertionError(f"no generated case for {operation}")


def case_variables(out: Path, operation: str) -> dict[str, str]:
    """The variables the generated tests give ``operation`` (and a region for base URLs that name one),
    minus the signature placeholders."""
    variables = {k: v for k, v in case_of(out, operation)["variables"].items() if k not in PLACEHOLDERS}
    return {"region": "us-phoenix-1", **variables}


def saved_answer(out: Path, operation: str) -> Callable[[httpx.Request], httpx.Response]:
    response = case_of(out, operation)["response"]
    return lambda _: httpx.Response(response["status"], content=response["body"].encode())


def send_signed(sdk: ModuleType, out: Path, operation: str, key_file: Path) -> httpx.Request:
    recorder = Recorder(saved_answer(out, operation))
    variables = case_variables(out, operation)
    with recorder.client(sdk, auth=signer(sdk, key_file), variables=variables) as client:
        target: Any = client
        for part in operation.split("."):
            target = getattr(target, part)
        target()
    (sent,) = recorder.requests
    return sent


def reference(sent: httpx.Request, key_file: Path) -> Any:
    """The oci SDK's signer over the same request; a ``date`` set before signing is kept, fixing the clock."""
    reference_signer = oci_signer.Signer(TENANCY, USER, FINGERPRINT, str(key_file))
    headers = {k: v for k, v in sent.headers.items() if k in ("content-type", "opc-retry-token", "if-match")}
    prepared = requests.Request(
        sent.method, str(sent.url), data=sent.content or None, headers=headers
    ).prepare()
    prepared.headers["date"] = email.utils.formatdate(FIXED_TIME, usegmt=True)
    reference_signer(prepared)
    return prepared.headers


def assert_signed_like_oci(sent: httpx.Request, key_file: Path) -> None:
    assert not any("{{" in value for value in sent.headers.values())
    expected = reference(sent, key_file)
    assert sent.headers["date"] == expected["date"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert sent.headers["authorization"] == expected["authorization"]
    if sent.method in ("POST", "PUT", "PATCH"):
        assert sent.headers["x-content-sha256"] == expected["x-content-sha256"]
    else:
        assert "x-content-sha256" not in sent.headers


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    out = tmp_path_factory.mktemp("seed") / "oci_seed_signed"
    manifest = generate(SEED, out, "--package-name", "oci_seed_signed")
    assert manifest["secrets"] == []
    return import_sdk(out, "oci_seed_signed"), out


def test_seed_sdk_exports_the_signer(seed: tuple[ModuleType, Path]) -> None:
    sdk, _ = seed
    assert "OCISigner" in sdk.__all__ and issubclass(sdk.OCISigner, httpx.Auth)


def test_seed_request_signed_as_the_oci_sdk_signs_it(seed: tuple[ModuleType, Path], key_file: Path) -> None:
    sdk, out = seed
    sent = send_signed(sdk, out, "volume_group_backups.create_volume_group_backup", key_file)
    assert sent.url.path == "/volumeGroupBackups" or sent.url.path.endswith("/volumeGroupBackups")
    assert json.loads(sent.content)["type"] == "FULL"
    assert_signed_like_oci(sent, key_file)


def test_without_a_signer_the_placeholders_are_variables(seed: tuple[ModuleType, Path]) -> None:
    sdk, out = seed
    operation = "volume_group_backups.create_volume_group_backup"
    recorder = Recorder(saved_answer(out, operation))
    variables = {**case_variables(out, operation), "signature": "sig"}
    with recorder.client(sdk, variables={**variables, "date": "d", "content_sha256": "h"}) as client:
        client.volume_group_backups.create_volume_group_backup()
    assert recorder.requests[0].headers["authorization"] == "sig"


@pytest.fixture(scope="module")
def notifications(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    source = shared_path("collections", "real", "oci-notifications.postman_collection.json")
    out = tmp_path_factory.mktemp("notifications") / "oci_notifications_signed"
    generate(source, out, "--package-name", "oci_notifications_signed", "--no-format")
    return import_sdk(out, "oci_notifications_signed"), out


@pytest.mark.parametrize(
    "operation",
    [
        "topics.list_topics",
        "topics.topic_id.update_topic",
        "topics.topic_id.delete_topic",
        "topics.create_topic",
    ],
)
def test_oci_collection_operations_signed_as_the_oci_sdk_signs_them(
    notifications: tuple[ModuleType, Path], key_file: Path, operation: str
) -> None:
    sdk, out = notifications
    assert_signed_like_oci(send_signed(sdk, out, operation, key_file), key_file)

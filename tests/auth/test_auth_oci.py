"""OCISigner produces the same Authorization, date and x-content-sha256 as the official oci SDK signer."""

from __future__ import annotations

import email.utils
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

oci_signer = pytest.importorskip("oci.signer")
requests = pytest.importorskip("requests")

TENANCY = "ocid1.tenancy.oc1..aaaaaaaaba3pv6wkcr4jqae5f15p2b2m2yt2j6rx32uzr4h25vqstifsfdsq"
USER = "ocid1.user.oc1..aaaaaaaat5nvwcna5j6aqzjcaty5eqbb6qt2jvpkanghtgdaqedqw3rynjq"
FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34"
FIXED_TIME = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seed" / "CreateVolumeGroupBackup.postman_item.json"
# The seed's saved body, for machines without the shared folder beside the repository.
SEED_BODY = (
    '{\n    "volumeGroupId": "elit dolor irure in consectetur",\n    "compartmentId": "{{compartment_ocid}}",'
    '\n    "definedTags": {},\n    "displayName": "laboris pariatur",\n    "freeformTags": {},'
    '\n    "type": "FULL"\n}'
)
COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaayzfqeibduyox6iib3olcmdar3ugly4fmameq4h7lcdlihrvur7xq"


def seed_request() -> tuple[str, str, bytes, dict[str, str]]:
    """The seed's saved request with its variables resolved, as the generated client would send it."""
    saved = json.loads(SEED.read_text())["request"]["body"]["raw"] if SEED.exists() else SEED_BODY
    raw = saved.replace("{{compartment_ocid}}", COMPARTMENT)
    headers = {"opc-retry-token": "aliqua enim i", "Content-Type": "application/json"}
    url = "https://iaas.us-phoenix-1.oraclecloud.com/20160918/volumeGroupBackups"
    return "POST", url, raw.encode(), headers


CONTAINER_ENGINE = "https://containerengine.us-phoenix-1.oci.oraclecloud.com/20180222"
CLUSTER = "ocid1.cluster.oc1.phx.aaaaaaaaae3tmyldgbsgmyjrmyzdeytcmnqtinrxgq3dsyrtgctdaylfmq"
REQUESTS = {
    "seed-post": seed_request(),
    "get-with-query": (
        "GET",
        f"{CONTAINER_ENGINE}/clusters?compartmentId={COMPARTMENT}&limit=340&sortOrder=DESC&sortBy=ID",
        b"",
        {},
    ),
    "put": (
        "PUT",
        f"{CONTAINER_ENGINE}/clusters/{CLUSTER}",
        json.dumps({"name": "renamed", "kubernetesVersion": "v1.27.2"}).encode(),
        {"Content-Type": "application/json", "if-match": "etag-1"},
    ),
    "delete": ("DELETE", f"{CONTAINER_ENGINE}/nodePools/ocid1.nodepool.oc1.phx.aaaaaaaa5x", b"", {}),
    "post-empty-body": ("POST", f"{CONTAINER_ENGINE}/clusters/{CLUSTER}/kubeconfig/content", b"", {}),
    "get-non-default-port-and-escapes": (
        "GET",
        "https://objectstorage.example.com:8443/n/ns/b/bucket/o/a%20file%2Fname.txt?fields=name,size",
        b"",
        {},
    ),
}


def reference_headers(
    key_file: Path, passphrase: str | None, request: tuple[str, str, bytes, dict[str, str]]
):
    """What the oci SDK's signer puts on the same request, with the date fixed the way it allows:
    a ``date`` header set before signing is kept."""
    method, url, body, headers = request
    signer = oci_signer.Signer(TENANCY, USER, FINGERPRINT, str(key_file), pass_phrase=passphrase)
    prepared = requests.Request(method, url, data=body or None, headers=headers).prepare()
    prepared.headers["date"] = email.utils.formatdate(FIXED_TIME, usegmt=True)
    signer(prepared)
    return prepared.headers


def our_headers(
    auth: ModuleType, signer: Any, request: tuple[str, str, bytes, dict[str, str]]
) -> httpx.Headers:
    """Send through a real httpx client (mock transport) and return the headers that left."""
    method, url, body, headers = request
    sent: list[httpx.Request] = []

    def handler(outgoing: httpx.Request) -> httpx.Response:
        sent.append(outgoing)
        return httpx.Response(200, json={})

    with httpx.Client(auth=signer, transport=httpx.MockTransport(handler)) as client:
        client.request(method, url, content=body or None, headers=headers)
    return sent[0].headers


def make_signer(auth: ModuleType, key_file: Path, passphrase: str | None = None) -> Any:
    return auth.OCISigner(
        tenancy=TENANCY,
        user=USER,
        fingerprint=FINGERPRINT,
        private_key=key_file.read_bytes(),
        passphrase=passphrase,
        clock=lambda: FIXED_TIME,
    )


@pytest.mark.parametrize("name", list(REQUESTS))
def test_matches_the_oci_sdk_signer(auth: ModuleType, rsa_keys: Any, name: str) -> None:
    request = REQUESTS[name]
    expected = reference_headers(rsa_keys.pkcs1, None, request)
    actual = our_headers(auth, make_signer(auth, rsa_keys.pkcs1), request)
    assert actual["authorization"] == expected["authorization"]
    assert actual["date"] == expected["date"] == "Tue, 14 Nov 2023 22:13:20 GMT"
    assert actual.get("x-content-sha256") == expected.get("x-content-sha256")
    if request[0] in ("POST", "PUT"):
        assert actual["content-length"] == str(len(request[2]))
        assert 'headers="date (request-target) host content-length content-type x-content-sha256"' in (
            actual["authorization"]
        )
    else:
        assert 'headers="date (request-target) host"' in actual["authorization"]


@pytest.mark.parametrize("key_format", ["pkcs1", "pkcs8"])
def test_unencrypted_pkcs1_and_pkcs8_keys_sign_identically(
    auth: ModuleType, rsa_keys: Any, key_format: str
) -> None:
    request = REQUESTS["seed-post"]
    expected = reference_headers(rsa_keys.pkcs1, None, request)
    actual = our_headers(auth, make_signer(auth, getattr(rsa_keys, key_format)), request)
    assert actual["authorization"] == expected["authorization"]


@pytest.mark.parametrize("key_format", ["pkcs8_encrypted", "pkcs1_encrypted"])
def test_encrypted_keys_open_with_their_passphrase(auth: ModuleType, rsa_keys: Any, key_format: str) -> None:
    key_file = getattr(rsa_keys, key_format)
    request = REQUESTS["put"]
    expected = reference_headers(key_file, rsa_keys.passphrase, request)
    actual = our_headers(auth, make_signer(auth, key_file, rsa_keys.passphrase), request)
    assert actual["authorization"] == expected["authorization"]


def test_encrypted_key_without_or_with_a_wrong_passphrase_is_a_clear_error(
    auth: ModuleType, rsa_keys: Any
) -> None:
    with pytest.raises(ValueError, match="encrypted: give its passphrase"):
        make_signer(auth, rsa_keys.pkcs8_encrypted)
    with pytest.raises(ValueError, match="passphrase"):
        make_signer(auth, rsa_keys.pkcs8_encrypted, "wrong")


def test_encrypted_key_without_cryptography_says_how_to_fix_it(
    auth: ModuleType, rsa_keys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = auth.importlib.import_module

    def no_cryptography(name: str) -> ModuleType:
        if name.startswith("cryptography"):
            raise ImportError(name)
        return real_import(name)

    monkeypatch.setattr(auth.importlib, "import_module", no_cryptography)
    with pytest.raises(ImportError, match="pip install cryptography"):
        make_signer(auth, rsa_keys.pkcs1_encrypted, rsa_keys.passphrase)
    # Unencrypted keys need nothing beyond the standard library.
    make_signer(auth, rsa_keys.pkcs8)


def test_from_config_reads_the_profile(auth: ModuleType, rsa_keys: Any, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text(
        "[DEFAULT]\n"
        f"user={USER}\nfingerprint={FINGERPRINT}\ntenancy={TENANCY}\nregion=us-phoenix-1\n"
        f"key_file={rsa_keys.pkcs1}\n\n"
        "[ENCRYPTED]\n"
        f"key_file={rsa_keys.pkcs8_encrypted}\npass_phrase={rsa_keys.passphrase}\n"
    )
    request = REQUESTS["get-with-query"]
    expected = reference_headers(rsa_keys.pkcs1, None, request)
    for profile in ("DEFAULT", "ENCRYPTED"):  # the second inherits user, tenancy, fingerprint from DEFAULT
        signer = auth.OCISigner.from_config(str(config), profile, clock=lambda: FIXED_TIME)
        assert signer.key_id == f"{TENANCY}/{USER}/{FINGERPRINT}"
        assert our_headers(auth, signer, request)["authorization"] == expected["authorization"]


def test_from_config_errors_name_the_problem(auth: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        auth.OCISigner.from_config(str(tmp_path / "missing"))
    config = tmp_path / "config"
    config.write_text(f"[DEFAULT]\nuser={USER}\n")
    with pytest.raises(ValueError, match="profile \\[OTHER\\] not found"):
        auth.OCISigner.from_config(str(config), "OTHER")
    with pytest.raises(ValueError, match="lacks tenancy, fingerprint, key_file"):
        auth.OCISigner.from_config(str(config))


def test_async_client_signs_too(auth: ModuleType, rsa_keys: Any) -> None:
    import asyncio

    method, url, body, headers = REQUESTS["seed-post"]
    expected = reference_headers(rsa_keys.pkcs1, None, REQUESTS["seed-post"])
    seen: list[httpx.Request] = []

    async def run() -> None:
        transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
        async with httpx.AsyncClient(auth=make_signer(auth, rsa_keys.pkcs1), transport=transport) as client:
            await client.request(method, url, content=body, headers=headers)

    asyncio.run(run())
    assert seen[0].headers["authorization"] == expected["authorization"]

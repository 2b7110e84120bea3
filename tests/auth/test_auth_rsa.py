"""The dependency-free RSA reader and PKCS#1 v1.5 signer agree byte for byte with ``cryptography``."""

from __future__ import annotations

import dataclasses
from types import ModuleType
from typing import Any

import pytest

serialization = pytest.importorskip("cryptography.hazmat.primitives.serialization")
hashes = pytest.importorskip("cryptography.hazmat.primitives.hashes")
padding = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.padding")
ec = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ec")

HASHES = {"sha1": "SHA1", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512"}


@pytest.mark.parametrize("key_format", ["pkcs1", "pkcs8"])
@pytest.mark.parametrize("hash_name", list(HASHES))
def test_signature_equals_cryptography(
    auth: ModuleType, rsa_keys: Any, key_format: str, hash_name: str
) -> None:
    key = auth._load_rsa_key(getattr(rsa_keys, key_format).read_bytes(), None)
    message = b"date: Tue, 14 Nov 2023 22:13:20 GMT\n(request-target): get /\nhost: example.com"
    expected = rsa_keys.private_key.sign(message, padding.PKCS1v15(), getattr(hashes, HASHES[hash_name])())
    assert key.sign(message, hash_name) == expected


def test_key_numbers_match(auth: ModuleType, rsa_keys: Any) -> None:
    numbers = rsa_keys.private_key.private_numbers()
    key = auth._load_rsa_key(rsa_keys.pkcs8.read_text(), None)
    assert (key.n, key.e, key.d) == (numbers.public_numbers.n, numbers.public_numbers.e, numbers.d)
    assert (key.p, key.q, key.qinv) == (numbers.p, numbers.q, numbers.iqmp)


def test_crlf_pem_and_surrounding_text_are_accepted(auth: ModuleType, rsa_keys: Any) -> None:
    pem = rsa_keys.pkcs1.read_text().replace("\n", "\r\n")
    key = auth._load_rsa_key("a comment line\r\n" + pem + "\r\ntrailing", None)
    assert key.n == rsa_keys.private_key.private_numbers().public_numbers.n


def test_non_rsa_and_malformed_keys_are_clear_errors(auth: ModuleType) -> None:
    ec_pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(ValueError, match="not an RSA key"):
        auth._load_rsa_key(ec_pem, None)
    with pytest.raises(ValueError, match="must be PEM"):
        auth._load_rsa_key("/home/me/.oci/key.pem", None)
    with pytest.raises(ValueError, match="invalid base64"):
        auth._load_rsa_key("-----BEGIN PRIVATE KEY-----\n@@@@\n-----END PRIVATE KEY-----\n", None)
    with pytest.raises(ValueError, match="malformed private key|truncated"):
        auth._load_rsa_key("-----BEGIN PRIVATE KEY-----\nAgEA\n-----END PRIVATE KEY-----\n", None)
    with pytest.raises(ValueError, match="unsupported PEM block"):
        auth._load_rsa_key("-----BEGIN CERTIFICATE-----\nAgEA\n-----END CERTIFICATE-----\n", None)


def test_an_inconsistent_key_never_releases_a_signature(auth: ModuleType, rsa_keys: Any) -> None:
    key = auth._load_rsa_key(rsa_keys.pkcs1.read_bytes(), None)
    broken = dataclasses.replace(key, dp=key.dp + 2)
    with pytest.raises(ValueError, match="inconsistent"):
        broken.sign(b"message")

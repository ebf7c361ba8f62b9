"""The Ed25519 keys that sign the labels' credentials, and the public keys published.

The signing key is a PEM file named by `CREDENTIAL_KEY_FILE`, made by
`manage.py credential_key`. A key is named by its id, the first 16 hex digits of the SHA-256
of its public key; keys retired after a rotation (`CREDENTIAL_RETIRED_KEYS`, their public
PEM files) stay published, so that the credentials they signed still verify.
"""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from assessment.credentials.proof import base58_encode

# The multicodec prefix of an Ed25519 public key, as a Multikey writes it.
ED25519_PUBLIC = b"\xed\x01"


class NoSigningKey(ImproperlyConfigured):
    """No key to sign a credential with: `CREDENTIAL_KEY_FILE` is not set or not readable."""


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public(key)).hexdigest()[:16]


def public_multibase(key: Ed25519PublicKey) -> str:
    return "z" + base58_encode(ED25519_PUBLIC + raw_public(key))


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def id(self) -> str:
        return key_id(self.public)


def key_generate(path: Path) -> SigningKey:
    """A new key pair, its private key written to `path` (readable by its owner only)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_bytes(pem)
    return SigningKey(private)


@functools.cache
def _load_private(path: str) -> SigningKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError) as error:
        raise NoSigningKey(f"The credential signing key {path} cannot be read: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise NoSigningKey(f"The credential signing key {path} is not an Ed25519 key.")
    return SigningKey(key)


@functools.cache
def _load_public(path: str) -> Ed25519PublicKey:
    data = Path(path).read_bytes()
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        key = serialization.load_pem_private_key(data, password=None).public_key()
    if not isinstance(key, Ed25519PublicKey):
        raise ImproperlyConfigured(f"The retired credential key {path} is not an Ed25519 key.")
    return key


def signing_key() -> SigningKey:
    if not settings.CREDENTIAL_KEY_FILE:
        raise NoSigningKey("CREDENTIAL_KEY_FILE is not set: no credential can be signed.")
    return _load_private(str(settings.CREDENTIAL_KEY_FILE))


def published_keys() -> dict[str, Ed25519PublicKey]:
    """{key id: public key}: the signing key's and every retired one's."""
    keys = {
        key_id(key): key for key in (_load_public(str(path)) for path in settings.CREDENTIAL_RETIRED_KEYS)
    }
    if settings.CREDENTIAL_KEY_FILE and Path(settings.CREDENTIAL_KEY_FILE).is_file():
        current = signing_key()
        keys[current.id] = current.public
    return keys

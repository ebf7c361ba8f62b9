"""A Data Integrity proof of the W3C cryptosuite eddsa-jcs-2022, made and checked.

The document and the proof's options are canonicalized with the JSON Canonicalization
Scheme (RFC 8785), each hashed with SHA-256, and the two hashes (options first) signed with
Ed25519; the signature is written in multibase base58btc ("z..."). Credentials here hold
strings, whole numbers, booleans, lists and objects only, for which RFC 8785 is JSON with
sorted keys and no spaces.
"""

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

CRYPTOSUITE = "eddsa-jcs-2022"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58[remainder] + encoded
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + encoded


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        if char not in BASE58:
            raise ValueError(f"{char!r} is not a base58 letter.")
        number = number * 58 + BASE58.index(char)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical(value: Any) -> bytes:
    """RFC 8785 for the JSON credentials hold (no floating-point numbers)."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise ValueError("A credential holds no floating-point numbers.")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list):
        for item in value:
            _refuse_floats(item)


def _signed_bytes(unsecured: dict, options: dict) -> bytes:
    options = {**options, "@context": unsecured["@context"]}
    return hashlib.sha256(canonical(options)).digest() + hashlib.sha256(canonical(unsecured)).digest()


def proof_add(document: dict, *, key: Ed25519PrivateKey, verification_method: str, created: str) -> dict:
    """The document with its proof."""
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.sign(_signed_bytes(document, options))
    return {**document, "proof": {**options, "proofValue": "z" + base58_encode(signature)}}


def proof_holds(document: dict, public_key: Ed25519PublicKey) -> bool:
    """Whether the document's proof is a valid eddsa-jcs-2022 signature by this key."""
    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != CRYPTOSUITE:
        return False
    value = proof.get("proofValue", "")
    if not isinstance(value, str) or not value.startswith("z"):
        return False
    unsecured = {name: item for name, item in document.items() if name != "proof"}
    options = {name: item for name, item in proof.items() if name != "proofValue"}
    try:
        public_key.verify(base58_decode(value[1:]), _signed_bytes(unsecured, options))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return True

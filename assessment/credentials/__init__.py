"""Verifiable labels: Open Badges 3.0 credentials, their signing keys and their badge images.

`keys` (the Ed25519 key pair and the public keys published), `proof` (the Data Integrity
proof, cryptosuite eddsa-jcs-2022), `document` (what the credential says), `badges` (the
badge drawn as SVG and PNG, and the credential baked into the PNG).
"""

"""Byte signatures that tell what a file (or a part of one) really is, whatever its name."""

import re

# Mach-O, the programs of macOS: 32 and 64 bits in both byte orders, and the universal binary
# (whose magic Java class files share: those are programs too).
MACH_O_MAGIC = tuple(map(bytes.fromhex, ("feedface", "feedfacf", "cefaedfe", "cffaedfe", "cafebabe")))
# Windows (PE), Linux (ELF), macOS and scripts.
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", *MACH_O_MAGIC, b"#!")
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# OLE compound files: Office 97 documents, and what carries macros and embedded objects inside
# newer ones (vbaProject.bin, oleObject1.bin).
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
RTF_MAGIC = b"{\\rtf"
# The EICAR anti-virus test file: harmless by design, and what anyone checking that uploads
# are scanned sends first. Refused wherever it appears, as a scanner would.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# The start of a web page, in raw bytes: what a browser sniffing a file for HTML acts on.
MARKUP_BYTES = re.compile(rb"<(?:script|html|body|iframe|svg|object|embed|!doctype\s+html)[\s>/]", re.I)

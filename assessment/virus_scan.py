"""Optional virus scanning of evidence by a ClamAV daemon (clamd), before anything is stored.

Off unless `CLAMD_SOCKET` (a Unix socket) or `CLAMD_HOST` (with `CLAMD_PORT`) names a daemon.
Each file is streamed to it with the INSTREAM command. A file the daemon flags is refused; a
daemon that cannot be reached, times out or answers anything but a verdict makes the upload
fail as "try again later": an unscanned file is never let through.
"""

import logging
import socket
import struct
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext_noop

from assessment.inspection.reasons import MALWARE, refuse

logger = logging.getLogger(__name__)

UNAVAILABLE = gettext_noop(
    "The virus scanner could not check the file just now, so nothing was stored. Try again in a few minutes."
)
CHUNK = 64 * 1024
MAX_REPLY = 4096


class ScannerUnavailable(Exception):
    """The scanner gave no verdict; the reason is in the message, for the log."""


def scanning_enabled() -> bool:
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def scan(chunks: Iterable[bytes], *, name: str) -> None:
    """Send the file to clamd; raise `UploadRefused` when it is flagged, `ScannerUnavailable`
    when there is no verdict. `name` is only for the log."""
    try:
        with _connect() as connection:
            connection.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                for start in range(0, len(chunk), CHUNK):
                    piece = chunk[start : start + CHUNK]
                    connection.sendall(struct.pack("!L", len(piece)) + piece)
            connection.sendall(struct.pack("!L", 0))
            reply = _reply(connection)
    except OSError as error:  # refused, unreachable, timed out, or closed while sending
        logger.error("The virus scanner could not be reached for %r: %s", name, error)
        raise ScannerUnavailable(str(error)) from error
    verdict = reply.removeprefix("stream:").strip()
    if verdict == "OK":
        return
    if verdict.endswith(" FOUND"):
        logger.warning("The virus scanner flagged %r: %s", name, verdict.removesuffix(" FOUND"))
        raise refuse(MALWARE)
    logger.error("The virus scanner gave no verdict for %r: %s", name, reply)
    raise ScannerUnavailable(reply)


def _connect() -> socket.socket:
    timeout = settings.CLAMD_TIMEOUT
    if settings.CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(str(settings.CLAMD_SOCKET))
        except OSError:
            connection.close()
            raise
        return connection
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=timeout)


def _reply(connection: socket.socket) -> str:
    """The daemon's answer, which ends with a NUL byte for z-prefixed commands."""
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY:
        data = connection.recv(MAX_REPLY)
        if not data:
            break
        reply += data
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()

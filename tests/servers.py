"""Fake network servers (a virus scanner, a mail server) run in a thread for one test."""

import contextlib
import socketserver
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def serving(server: socketserver.BaseServer) -> Iterator[socketserver.BaseServer]:
    """The server answering in a background thread until the block ends, then closed. It looks
    for shutdown often, so that a test does not wait half a second for it to stop."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()

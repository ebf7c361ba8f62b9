"""Where evidence and cached reports are kept: the private file storage, and what storages raise."""

import contextlib
import os

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files import File
from django.core.files.storage import FileSystemStorage

# What the evidence storage raises when it cannot take or give a file: a full or read-only
# disk, a missing folder (OSError), an object store that is down or refuses (botocore).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


class PrivateFileSystemStorage(FileSystemStorage):
    """Django's file system storage, except that a file it cannot finish writing (a full disk,
    an I/O error) is removed instead of being left behind, cut short, under its name."""

    def _save(self, name: str, content: File) -> str:
        try:
            # django-stubs leave out the private `_save`, which FileSystemStorage does define.
            return super()._save(name, content)  # type: ignore[misc]
        except FileExistsError:
            raise
        except OSError:
            # Names here are random, so a file under this name can only be the one just begun.
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise

"""Evidence storages that fail the way real ones do, for the fault tests."""

import errno

from django.core.files.base import File

from assessment.storage import PrivateFileSystemStorage


class _CutShort(File):
    """A file whose content stops coming after the first piece, as when the disk fills up."""

    def chunks(self, chunk_size=None):
        chunks = super().chunks(chunk_size=16)
        yield next(chunks)
        raise OSError(errno.ENOSPC, "No space left on device")


class DiskFullStorage(PrivateFileSystemStorage):
    """Starts writing every file, then finds the disk full."""

    def _save(self, name, content):
        return super()._save(name, _CutShort(content))


class SecondFileFailsStorage(PrivateFileSystemStorage):
    """Takes the first file; the second one stops the worker (as gunicorn's timeout does)."""

    saved = 0

    def _save(self, name, content):
        type(self).saved += 1
        if type(self).saved == 2:
            raise SystemExit(1)
        return super()._save(name, content)


class ObjectStoreDownStorage(PrivateFileSystemStorage):
    """An S3-compatible store that cannot be reached, as django-storages reports it."""

    def _save(self, name, content):
        from botocore.exceptions import EndpointConnectionError

        raise EndpointConnectionError(endpoint_url="https://s3.example.org")

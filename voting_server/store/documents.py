"""The files of the handlingar, stored by their SHA-256.

A file is kept under its own digest, so that every version stays as it was
uploaded and a file read back is checked against the digest it was filed
under. The embedded default keeps them under the data directory; an
installation may use an S3-compatible object store instead (docs/portal.md).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path
from typing import Protocol

from sqlmodel import Session, col, select

from ..domain.notice import FiledDocument
from .errors import StoreError
from .portal_models import DocumentRow


class DocumentCorrupt(StoreError):
    """A stored file no longer matches the digest it was filed under."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DocumentFiles(Protocol):
    def put(self, data: bytes) -> str:
        """Store ``data``; return its SHA-256 (hex)."""

    def get(self, digest: str) -> bytes:
        """The file filed under ``digest`` (LookupError if none, DocumentCorrupt if changed)."""


class DirectoryFiles:
    """Files under ``root``, as ``ab/abcdef…`` by digest, written atomically and durably."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, digest: str) -> Path:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise LookupError(digest)
        return self.root / digest[:2] / digest

    def put(self, data: bytes) -> str:
        digest = sha256(data)
        path = self._path(digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # the new name survives a power cut too
        finally:
            os.close(directory)
        return digest

    def get(self, digest: str) -> bytes:
        path = self._path(digest)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise LookupError(digest) from None
        if sha256(data) != digest:
            raise DocumentCorrupt(f"document {digest} does not match its digest")
        return data


class ObjectStoreFiles:
    """Files in a bucket of an S3-compatible object store, as ``prefix/abcdef…`` by digest.

    ``endpoint`` is ``host:port``; the bucket is made on first use if it is missing.
    """

    def __init__(
        self,
        endpoint: str,
        bucket: str,
        access_key: str,
        secret_key: str,
        *,
        prefix: str = "documents",
        secure: bool = True,
        region: str | None = None,
    ) -> None:
        from minio import Minio  # only an installation with an object store needs it

        self.client = Minio(
            endpoint, access_key=access_key, secret_key=secret_key, secure=secure, region=region
        )
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self._bucket_ready = False

    def _key(self, digest: str) -> str:
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            raise LookupError(digest)
        return f"{self.prefix}/{digest}" if self.prefix else digest

    def put(self, data: bytes) -> str:
        digest = sha256(data)
        if not self._bucket_ready:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
            self._bucket_ready = True
        self.client.put_object(
            self.bucket, self._key(digest), io.BytesIO(data), len(data), "application/pdf"
        )
        return digest

    def get(self, digest: str) -> bytes:
        from minio.error import S3Error

        try:
            response = self.client.get_object(self.bucket, self._key(digest))
        except S3Error as missing:
            if missing.code in ("NoSuchKey", "NoSuchBucket"):
                raise LookupError(digest) from None
            raise
        try:
            data = response.read()
        finally:
            response.close()
            response.release_conn()
        if sha256(data) != digest:
            raise DocumentCorrupt(f"document {digest} does not match its digest")
        return data


def document_files(data_dir: Path, url: str, access_key: str, secret_key: str) -> DocumentFiles:
    """The store ``ORDET_DOCUMENTS`` names: empty for files under the data directory,
    or ``s3://host:port/bucket/prefix`` (``s3+http://`` without TLS) for an object store."""
    if not url:
        return DirectoryFiles(data_dir / "documents")
    scheme, _, rest = url.partition("://")
    if scheme not in ("s3", "s3+http") or "/" not in rest:
        raise ValueError("ORDET_DOCUMENTS: s3://host:port/bucket[/prefix] or s3+http://…")
    endpoint, _, path = rest.partition("/")
    bucket, _, prefix = path.partition("/")
    return ObjectStoreFiles(
        endpoint,
        bucket,
        access_key,
        secret_key,
        prefix=prefix or "documents",
        secure=scheme == "s3",
    )


def filed_documents(s: Session, meeting_id: str) -> tuple[FiledDocument, ...]:
    """The current version of each document, as a notice lists it and the log records it."""
    return tuple(
        FiledDocument(r.item_id, r.title, r.version, r.sha256)
        for r in current_documents(s, meeting_id)
    )


def current_documents(s: Session, meeting_id: str) -> list[DocumentRow]:
    """The current version of each of a meeting's documents, in the order first filed."""
    rows = s.exec(
        select(DocumentRow)
        .where(DocumentRow.meeting_id == meeting_id)
        .order_by(col(DocumentRow.id))
    ).all()
    current: dict[str, DocumentRow] = {}
    for row in rows:
        current[row.series] = row  # a later id is a later version; the series keeps its place
    return list(current.values())

"""Upload checks by content, not by name: what a file really is, and how big it may be."""

import hashlib
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office and WPS (.doc .xls .ppt .wps .et .dps)
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    kind: str  # pdf | image | office | wps-or-legacy-office | ofd


def sniff(stream: BinaryIO) -> Sniffed | None:
    """Identify evidence files from their bytes; None for anything we do not accept."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", "pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "image")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "image")
    if head.startswith(OLE2):
        return Sniffed("application/x-ole-storage", "wps-or-legacy-office")
    if head.startswith(ZIP):
        return _sniff_zip(stream)
    return None


def _sniff_zip(stream: BinaryIO) -> Sniffed | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" in names:
        prefixes = {name.split("/", 1)[0] for name in names}
        for prefix, mime in (
            ("word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("xl", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("ppt", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ):
            if prefix in prefixes:
                return Sniffed(mime, "office")
    if "OFD.xml" in names:  # GB/T 33190 electronic documents, common in Chinese government
        return Sniffed("application/ofd", "ofd")
    return None


def sha256_of(stream: BinaryIO) -> str:
    stream.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()

"""Source texts: read a file, detect its encoding, split the optional header line.

A file may open with `date YYYY-MM-DD Title` (as the seed does). The document
text that all offsets refer to is the title, a blank line, then the body, so
that entities in the headline are extracted and traceable too.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from charset_normalizer import from_bytes

MAX_BYTES = 20_000_000  # refuse larger files with a clear message instead of exhausting memory
HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")


class InputError(Exception):
    """A document that cannot be read; names the file and the reason."""

    def __init__(self, path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class SourceText:
    path: str
    key: str
    title: str
    date: Optional[str]
    text: str
    content_hash: str
    warnings: tuple[str, ...] = ()


def document_key(path: Path) -> str:
    """A stable slug from the file name: rebuilding the same file replaces its graph."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-")
    return slug or hashlib.sha1(str(path).encode()).hexdigest()[:12]


def decode(raw: bytes, path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "not a text file (no text encoding fits its bytes)")
    return str(best)


def parse_header(text: str) -> tuple[Optional[str], str, str, list[str]]:
    """Return (date, title, body, warnings) from a text whose first line may be a header."""
    first, _, rest = text.partition("\n")
    match = HEADER.match(first)
    if not match:
        return None, "", text, []
    raw_date, title = match.groups()
    try:
        date = dt.date.fromisoformat(raw_date).isoformat()
    except ValueError:
        return None, title.strip(), rest, [f"header date {raw_date!r} is not a valid YYYY-MM-DD date; ignored"]
    return date, title.strip(), rest, []


def read_source(path) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {MAX_BYTES:,}")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file, not text")
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(path, "empty document (no text)")
    date, title, body, warnings = parse_header(text)
    body = body.strip()
    full = f"{title}\n\n{body}" if title else body
    return SourceText(
        path=str(path), key=document_key(path), title=title, date=date, text=full,
        content_hash=hashlib.sha256(raw).hexdigest(), warnings=tuple(warnings),
    )

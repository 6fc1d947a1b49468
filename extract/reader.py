"""Source texts: read a file, detect its encoding, split the optional header line.

A file may open with `date YYYY-MM-DD Title` (as the seed does). The document
text that all offsets refer to is the title, a blank line, then the body, so
that entities in the headline are extracted and traceable too. A saved web page
(.html, .htm) gives its article text, title and date (trafilatura, offline).

What cannot be read well is refused with a reason (InputError) rather than guessed:
bytes that are broken UTF-8, binary files, sizes and lines beyond the limits below.
What can be read but may extract poorly (little Cyrillic, a header out of order)
is read with a warning.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from charset_normalizer import from_bytes

MAX_BYTES = 2_000_000        # a text file; a long news article is ~50 KB: refuse more instead of exhausting memory
MAX_HTML_BYTES = 20_000_000  # a saved page carries markup, scripts and inline images besides its article
MAX_LINE = 100_000           # characters in one line: a longer one is a data dump, not prose
MAX_CHARS = MAX_BYTES        # characters of a document's text (a text file never has more): the pipeline's nlp.max_length
MIN_CYRILLIC = 0.5           # share of the letters below which the Russian models are warned about
HTML_SUFFIXES = (".html", ".htm")
HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
HEADER_LIKE = re.compile(r"\bdate\b.*\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{1,2}-\d{1,2}.*\bdate\b", re.IGNORECASE)


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


def broken_utf8(raw: bytes, exc: UnicodeDecodeError) -> str | None:
    """Why bytes that are mostly valid UTF-8 must not be decoded as something else, or None.

    A legacy Cyrillic encoding (windows-1251, KOI8-R) almost never forms valid UTF-8 sequences; when
    most non-ASCII characters do, the file is UTF-8 with damaged bytes, and another codec would turn
    all its Russian into mojibake."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    if good < bad:
        return None
    return (f"not valid UTF-8: {bad:,} undecodable byte sequence(s), the first at byte {exc.start:,}; "
            f"repair the file or save it again as UTF-8")


CYRILLIC_CODECS = ("cp1251", "koi8_r", "cp866", "iso8859_5")   # Russian text before UTF-8, most common first
RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")


def legacy_cyrillic(raw: bytes, path) -> str | None:
    """The text of a Russian document in a legacy code page, or None when it is not one.

    charset-normalizer alone misreads short Russian texts (a headline in windows-1251 came out as
    Mac Cyrillic, its capitals turned into quotes). In Russian prose most letters are lower case,
    and each wrong code page turns part of them into capitals, symbols or non-Russian Cyrillic:
    the decoding with the most lower-case minus upper-case Russian letters (less the others) wins,
    if Cyrillic makes most of its letters. A byte the winner cannot decode is reported, not replaced."""
    best = None
    for codec in CYRILLIC_CODECS:
        text = raw.decode(codec, errors="replace")
        letters = [c for c in text if c.isalpha()]
        russian = [c for c in letters if c in RUSSIAN_LETTERS]
        other = sum(1 for c in letters if "\u0400" <= c <= "\u04ff" and c not in RUSSIAN_LETTERS)
        score = (sum(1 for c in russian if c.islower()) - sum(1 for c in russian if c.isupper())
                 - 3 * other - 3 * text.count("\ufffd"))
        if score > 0 and len(russian) >= MIN_CYRILLIC * len(letters) and (best is None or score > best[0]):
            best = (score, codec, text)
    if best is None:
        return None
    _, codec, text = best
    if "\ufffd" in text:
        raise InputError(path, f"not valid UTF-8, and as {codec} (the nearest fit) {text.count(chr(0xfffd)):,} "
                               f"byte(s) mean nothing, the first at byte {text.index(chr(0xfffd)):,}")
    return text


def decode(raw: bytes, path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid UTF-16 (it starts with a UTF-16 byte order mark): "
                                   f"byte {exc.start:,}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        broken = broken_utf8(raw, exc)
        if broken:
            raise InputError(path, broken) from None
    russian = legacy_cyrillic(raw, path)
    if russian is not None:
        return russian
    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "not a text file (no text encoding fits its bytes)")
    return str(best)


def parse_header(text: str) -> tuple[Optional[str], str, str, list[str]]:
    """Return (date, title, body, warnings) from a text whose first line may be a header."""
    first, _, rest = text.partition("\n")
    match = HEADER.match(first)
    if not match:
        if HEADER_LIKE.search(first.strip()[:200]):
            return None, "", text, ["the first line looks like a header but is not `date YYYY-MM-DD Title`; "
                                    "read as text, without a date"]
        return None, "", text, []
    raw_date, title = match.groups()
    try:
        date = dt.date.fromisoformat(raw_date).isoformat()
    except ValueError:
        return None, title.strip(), rest, [f"header date {raw_date!r} is not a valid YYYY-MM-DD date; ignored"]
    return date, title.strip(), rest, []


def is_html(path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def read_html(raw: bytes, path) -> tuple[Optional[str], str, str]:
    """(date, title, body) of the article in a saved web page: its text, not its markup, menus or scripts."""
    import trafilatura  # lazy: only pages need it (and lxml)
    try:
        found = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura raises on pages lxml cannot parse
        raise InputError(path, f"cannot read the HTML page: {' '.join(str(exc).split()) or type(exc).__name__}") from None
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise InputError(path, "no article text found in the HTML page")
    title = " ".join((found.title or "").split())
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:   # the page's <h1> repeats its title
        text = rest.strip()
    try:
        date = dt.date.fromisoformat(found.date).isoformat() if found.date else None
    except ValueError:
        date = None
    return date, title, text


def language_warning(text: str) -> list[str]:
    """The models read Russian: say so when most letters are not Cyrillic (English, mixed or other texts)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ["no letters in the text: nothing to extract"]
    share = sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters)
    if share < MIN_CYRILLIC:
        return [f"only {share:.0%} of its letters are Cyrillic: the models read Russian, so extraction from "
                f"the rest is partial at best"]
    return []


def read_source(path) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory")
    html = is_html(path)
    limit = MAX_HTML_BYTES if html else MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(path, f"file is {size:,} bytes, over the limit of {limit:,}"
                                   f"{' for a web page' if html else ' for a text'}")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "binary file, not text")
    if html:
        if not raw.strip():
            raise InputError(path, "empty document (no text)")
        date, title, body = read_html(raw, path)
        warnings = []
    else:
        text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise InputError(path, "empty document (no text)")
        date, title, body, warnings = parse_header(text)
    body = body.strip()
    full = f"{title}\n\n{body}" if title else body
    if not full.strip():
        raise InputError(path, "empty document (no text)")
    if len(full) > MAX_CHARS:      # only a web page's article can be longer than its file limit in characters
        raise InputError(path, f"a text of {len(full):,} characters, over the limit of {MAX_CHARS:,}")
    longest = max(map(len, full.split("\n")))
    if longest > MAX_LINE:
        raise InputError(path, f"a line of {longest:,} characters, over the limit of {MAX_LINE:,} "
                               f"(not an article: break it into paragraphs)")
    warnings += language_warning(full)
    return SourceText(
        path=str(path), key=document_key(path), title=title, date=date, text=full,
        content_hash=hashlib.sha256(raw).hexdigest(), warnings=tuple(warnings),
    )

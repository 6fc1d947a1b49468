"""Source texts: read a file, detect its encoding, split the optional front matter or header line.

A file may open with YAML front matter between two `---` lines (url, outlet, language, date, title: see
`front_matter`), or with the line `date YYYY-MM-DD Title` (as the seed does); neither is part of the text. The document
text that all offsets refer to is the title, a blank line, then the body, so
that entities in the headline are extracted and traceable too. A saved web page
(.html, .htm) gives its article text, title and date (trafilatura, offline).

What cannot be read well is refused with a reason (InputError) rather than guessed:
bytes that are broken UTF-8, binary files, sizes and lines beyond the limits below.
What can be read but may extract poorly (little Cyrillic, a header out of order)
is read with a warning.
"""
from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import os
import stat
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple, Optional
from urllib.parse import urlsplit

# iuliia, yaml and charset_normalizer are imported where they are needed: an unchanged rebuild, which only
# hashes ASCII-named files, needs none of them (their imports were a tenth of its process)

MAX_BYTES = 2_000_000        # a text file; a long news article is ~50 KB: refuse more instead of exhausting memory
MAX_HTML_BYTES = 20_000_000  # a saved page carries markup, scripts and inline images besides its article
MAX_LINE = 100_000           # characters in one line: a longer one is a data dump, not prose
MAX_CHARS = MAX_BYTES        # characters of a document's text (a text file never has more): the pipeline's nlp.max_length
MIN_CYRILLIC = 0.5           # share of the letters below which the Russian models are warned about
HTML_SUFFIXES = (".html", ".htm")
HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
HEADER_LIKE = re.compile(r"\bdate\b.*\d{4}-\d{1,2}-\d{1,2}|\d{4}-\d{1,2}-\d{1,2}.*\bdate\b", re.IGNORECASE)


def shown(path) -> str:
    """A file name as valid UTF-8 text: bytes that are not UTF-8 (kept by the OS as lone surrogates)
    become visible escapes (caf\\xe9.txt), so messages and ekg:sourcePath can always be written."""
    path = os.fspath(path)
    if isinstance(path, str) and path.isascii():   # as it is (every file of every build comes here)
        return path
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


class InputError(Exception):
    """A document that cannot be read; names the file and the reason."""

    def __init__(self, path, reason: str):
        self.path = shown(path)
        super().__init__(f"{self.path}: {reason}")
        self.reason = reason


class SourceText(NamedTuple):
    """A file as read. A named tuple, not a dataclass: an unchanged rebuild imports this module to hash its
    files, and `dataclasses` (with `inspect`) was a tenth of its process's CPU."""
    path: str        # as given, shown as valid UTF-8
    key: str         # document_key: the document's IRI is made from it
    title: str
    date: Optional[str]
    text: str
    content_hash: str
    warnings: tuple[str, ...] = ()
    source: str = ""   # source_id: the file, whatever path named it (ekg:sourcePath)
    metadata: Optional[dict] = None   # what the front matter states: url, outlet, language, date, title


KEY_HASH = 12      # hex digits of the content hash in a document key (48 bits)
KEY_STEM = 60      # characters of the file name kept in a document key


def _stem(name: str) -> str:
    """Path(name).stem without making a Path (this runs on every file of every build, before the hash
    comparison): the last part, less a suffix that neither starts nor ends it."""
    base = Path(name).name if name.endswith(("/", "/.", "/..")) or name in (".", "..") else name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[:dot] if 0 < dot < len(base) - 1 else base


_NOT_SLUG = re.compile(r"[^A-Za-z0-9._-]+")


def stem_slug(stem: str) -> str:
    """The readable part of a document key: the file name romanised (новости -> novosti), in [A-Za-z0-9._-]."""
    text = stem if stem.isascii() else unicodedata.normalize("NFKC", stem)   # ASCII is its own NFKC form
    if not text.isascii():
        import iuliia
        text = iuliia.WIKIPEDIA.translate(text)
    return _NOT_SLUG.sub("-", text)[:KEY_STEM].strip("-.")


def document_key(path, content_hash: str) -> str:
    """The file name's slug and a short hash of its bytes (see docs/DESIGN.md "Document keys"): one file
    is one document whatever path names it, two files with different contents never share a key, and
    the key is the same on every machine."""
    slug = stem_slug(_stem(shown(path)))
    return f"{slug}-{content_hash[:KEY_HASH]}" if slug else content_hash[:KEY_HASH]


@functools.lru_cache(maxsize=1024)
def _work_tree(folder: Path) -> Path | None:
    """The git work tree holding `folder` (a `.git` folder or file above it), or None."""
    for d in (folder, *folder.parents):
        if (d / ".git").exists():
            return d
    return None


def source_id(path) -> str:
    """Which file this is, the same through a relative path, an absolute path or from its own folder:
    its path relative to the git work tree holding it, so that a clone elsewhere (CI) gives the same
    one; outside a work tree, its absolute path."""
    real = Path(os.path.abspath(path))
    try:
        real = real.resolve()
    except OSError:
        pass
    root = _work_tree(real.parent)
    return shown(real.relative_to(root).as_posix() if root else real.as_posix())


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


UTF8_CYRILLIC = re.compile(rb"(?:[\xd0\xd1][\x80-\xbf]){2,}")   # two or more Cyrillic letters in UTF-8


def mixed_decode(raw: bytes, codec: str) -> tuple[str, int]:
    """`raw` in `codec`, but its runs of Cyrillic letters in UTF-8 (a word pasted from elsewhere) as UTF-8:
    (text, how many such runs). In a legacy code page such a run would read as capitals followed by
    punctuation twice in a row ("РќРѕРІР°Рє"), which Russian never writes."""
    parts, pos, runs = [], 0, 0
    for m in UTF8_CYRILLIC.finditer(raw):
        parts += [raw[pos:m.start()].decode(codec, errors="replace"), m.group().decode("utf-8")]
        pos, runs = m.end(), runs + 1
    parts.append(raw[pos:].decode(codec, errors="replace"))
    return "".join(parts), runs


def legacy_cyrillic(raw: bytes, path) -> tuple[str, list[str]] | None:
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
    _, codec, _ = best
    text, runs = mixed_decode(raw, codec)
    if "\ufffd" in text:
        raise InputError(path, f"not valid UTF-8, and as {codec} (the nearest fit) {text.count(chr(0xfffd)):,} "
                               f"byte(s) mean nothing, the first at byte {text.index(chr(0xfffd)):,}")
    warnings = [f"read as {codec}, but {runs:,} word(s) in it are UTF-8: read as UTF-8 (check them)"] if runs else []
    return text, warnings


BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),   # UTF-32 first: its LE mark
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))   # starts with UTF-16's


def bom_codec(raw: bytes) -> str | None:
    return next((codec for bom, codec in BOMS if raw.startswith(bom)), None)


def decode(raw: bytes, path) -> tuple[str, list[str]]:
    """The text of a file's bytes and warnings about how it was decoded."""
    codec = bom_codec(raw)
    if codec:
        try:
            return raw.decode(codec), []
        except UnicodeDecodeError as exc:
            raise InputError(path, f"not valid {codec.upper()} (it starts with a {codec.upper()} byte order mark): "
                                   f"byte {exc.start:,}") from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        broken = broken_utf8(raw, exc)
        if broken:
            raise InputError(path, broken) from None
    russian = legacy_cyrillic(raw, path)
    if russian is not None:
        return russian
    from charset_normalizer import from_bytes
    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "not a text file (no text encoding fits its bytes)")
    return str(best), []


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
    if date != raw_date:   # Python also takes ISO's other forms: 20240301, 2024-W10-1
        return date, title.strip(), rest, [f"header date {raw_date!r} is not written YYYY-MM-DD; read as {date}"]
    return date, title.strip(), rest, []


FRONT_MATTER_KEYS = ("url", "outlet", "language", "date", "title")
FENCE = re.compile(r"^---[ \t]*$")
FENCE_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)   # YAML's document end may close it too
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")   # BCP 47, as an RDF language tag takes it


def split_front_matter(text: str, path) -> tuple[Optional[str], str]:
    """(the YAML between a first line `---` and the next `---` or `...` line, the text after it), or
    (None, text) when the file has none. An unclosed block is refused: its metadata would be read as prose."""
    first, newline, rest = text.partition("\n")
    if not newline or not FENCE.match(first):
        return None, text
    end = FENCE_END.search(rest)
    if end is None:
        raise InputError(path, "front matter opened by `---` on line 1 is never closed by a `---` line")
    return rest[:end.start()], rest[end.end():].lstrip("\n")


def load_front_matter(block: str, path):
    """What a front matter states, parsed by PyYAML's safe loader (no tags, no objects).
    Bad YAML is refused with where it fails, counted in lines of the file (the block starts on line 2)."""
    import yaml
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"front matter is not valid YAML{where}: {' '.join(str(problem).split())}") from None
    return {} if data is None else data


def front_matter_date(value) -> tuple[Optional[str], list[str]]:
    """An ISO day from the front matter's date: YAML reads `2026-01-22` as a date itself, a quoted one
    as text; a time of day is dropped (the graph dates documents to the day)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), []
    if isinstance(value, dt.date):
        return value.isoformat(), []
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat(), []
    except ValueError:
        return None, [f"front matter date {str(value)!r} is not a YYYY-MM-DD date; ignored"]


def front_matter_value(key: str, value) -> tuple[Optional[str], list[str]]:
    """One known key's value as the graph writes it, or None with a warning saying why it is dropped."""
    if key == "date":
        return front_matter_date(value)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return None, [f"front matter {key} is a {type(value).__name__}, not text; ignored"]
    text = " ".join(str(value).split())
    if not text:
        return None, []
    if key == "url":
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return None, [f"front matter url {text!r} is not an http(s) address; ignored"]
    if key == "language" and not LANGUAGE_TAG.match(text):
        return None, [f"front matter language {text!r} is not a language tag (ru, en, kk ...); ignored"]
    return (text.lower() if key == "language" else text), []


def front_matter(text: str, path) -> tuple[dict, str, list[str]]:
    """(metadata, the text after the front matter, warnings). The metadata holds the known keys with usable
    values (FRONT_MATTER_KEYS, as strings); other keys are named in a warning and not read."""
    block, rest = split_front_matter(text, path)
    if block is None:
        return {}, text, []
    data = load_front_matter(block, path)
    if not isinstance(data, dict):   # "---", a line of prose, "---": a text that opens with a rule, not metadata
        return {}, text, [f"the first line is `---`, but what follows up to the next `---` is a "
                          f"{type(data).__name__}, not front matter (url: ..., date: ...): read as text"]
    metadata, warnings = {}, []
    unknown = sorted(str(k) for k in data if k not in FRONT_MATTER_KEYS)
    if unknown:
        warnings.append(f"front matter key(s) {', '.join(unknown)} not read (known: {', '.join(FRONT_MATTER_KEYS)})")
    for key in FRONT_MATTER_KEYS:
        if data.get(key) is not None:
            value, why = front_matter_value(key, data[key])
            warnings += why
            if value is not None:
                metadata[key] = value
    return metadata, rest, warnings


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


# Letters that Russian lacks and that mark another Cyrillic language (docs/DESIGN.md "Languages"):
# counted, not modelled, as no language detector is installed and these two are what the corpus meets.
# Kazakh first: it writes і too.
OTHER_CYRILLIC = {"Kazakh": frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ"), "Ukrainian": frozenset("іїєґІЇЄҐ")}
MIN_OTHER = 0.01      # share of the Cyrillic letters: a Ukrainian place name in a Russian article stays far below


def language_warning(text: str) -> list[str]:
    """The models read Russian: say so when most letters are not Cyrillic (English, mixed or other texts),
    or when the Cyrillic is Ukrainian or Kazakh."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return ["no letters in the text: nothing to extract"]
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    share = len(cyrillic) / len(letters)
    if share < MIN_CYRILLIC:
        return [f"only {share:.0%} of its letters are Cyrillic: the models read Russian, so extraction from "
                f"the rest is partial at best"]
    for language, marks in OTHER_CYRILLIC.items():
        found = sorted({c.lower() for c in cyrillic if c in marks})
        if sum(1 for c in cyrillic if c in marks) >= MIN_OTHER * len(cyrillic):
            return [f"its Cyrillic looks {language} (it has {', '.join(found)}): the models read Russian, "
                    f"so extraction is partial at best"]
    return []


_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)   # once: getattr of a missing name raises inside: ~2 µs a file


def peek_key(path) -> tuple[str, str] | None:
    """(document key, content hash) from the file's bytes alone, so a build skips an unchanged file before any
    per-character work (decoding, `language_warning`); None when `read_source` is to say what is wrong."""
    try:
        # one open, one fstat, one read: this runs on every file of every build, and a Python file object
        # (its buffer, its own fstat and seek) cost half as much as reading and hashing (bench/RESULTS.md)
        fd = os.open(path, _READ)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max(MAX_BYTES, MAX_HTML_BYTES):
                return None
            data = os.read(fd, info.st_size + 1)
            if len(data) != info.st_size:   # it changed since, or a short read: the rest, as open().read() does
                while chunk := os.read(fd, 1 << 16):
                    data += chunk
        finally:
            os.close(fd)
    except OSError:
        return None
    content_hash = hashlib.sha256(data).hexdigest()
    return document_key(path, content_hash), content_hash


def read_source(path) -> SourceText:
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(path, "no such file")
        if path.is_dir():
            raise InputError(path, "is a directory")
    except OSError as exc:   # a name over the system's limit, a loop of links
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
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
    if b"\x00" in raw[:4096] and not bom_codec(raw):
        raise InputError(path, "binary file, not text")
    metadata = {}
    if html:
        if not raw.strip():
            raise InputError(path, "empty document (no text)")
        date, title, body = read_html(raw, path)
        warnings = []
    else:
        text, warnings = decode(raw, path)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise InputError(path, "empty document (no text)")
        metadata, text, stated_warnings = front_matter(text, path)
        date, title, body, header_warnings = parse_header(text)
        warnings += stated_warnings + header_warnings
        date, title = metadata.get("date", date), metadata.get("title", title)
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
    content_hash = hashlib.sha256(raw).hexdigest()
    return SourceText(
        path=shown(path), key=document_key(path, content_hash), title=title, date=date, text=full,
        content_hash=content_hash, warnings=tuple(warnings), source=source_id(path), metadata=metadata,
    )

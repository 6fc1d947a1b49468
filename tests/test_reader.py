"""extract.reader: header parsing, encoding detection, refusals with a named reason."""
from __future__ import annotations

import hashlib
import os

import pytest

from extract.reader import InputError, document_key, parse_header, read_source

RUSSIAN = (
    "Казахстан на уровне дипломатов и энергетиков ведет переговоры по поводу украинских атак "
    "на инфраструктуру Каспийского трубопроводного консорциума. Об этом заявил заместитель "
    "министра иностранных дел Казахстана Алибек Бакаев. Консорциум объединяет крупнейшие "
    "предприятия топливно-энергетического комплекса, которые ведут добычу нефти на западе страны."
)


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- header -------------------------------------------------------------------------------

def test_header_gives_date_title_and_text(tmp_path):
    src = read_source(write(tmp_path, "a.txt", "date 2026-01-22 Заголовок\nТекст".encode()))
    assert src.date == "2026-01-22"
    assert src.title == "Заголовок"
    assert src.text == "Заголовок\n\nТекст"
    assert src.warnings == ()


def test_header_with_surrounding_spaces_and_crlf(tmp_path):
    src = read_source(write(tmp_path, "a.txt", b"  date 2026-01-22   Title  \r\n\r\nBody one.\r\nBody two.\r\n"))
    assert src.date == "2026-01-22"
    assert src.title == "Title"
    assert src.text == "Title\n\nBody one.\nBody two."


def test_malformed_header_date_warns_and_is_ignored(tmp_path):
    src = read_source(write(tmp_path, "a.txt", b"date 2026-13-45 X\nBody"))
    assert src.date is None
    assert src.title == "X"
    assert src.text == "X\n\nBody"
    assert len(src.warnings) == 2                       # and: English
    assert "'2026-13-45'" in src.warnings[0]
    assert src.warnings[0] == "header date '2026-13-45' is not a valid YYYY-MM-DD date; ignored"


def test_no_header_text_is_the_body(tmp_path):
    src = read_source(write(tmp_path, "a.txt", "\n  Первая строка.\nВторая строка.  \n\n".encode()))
    assert src.date is None
    assert src.title == ""
    assert src.text == "Первая строка.\nВторая строка."
    assert src.warnings == ()


def test_a_line_merely_starting_with_date_word_is_not_a_header():
    # "dated" is not the header keyword followed by whitespace
    assert parse_header("dated 2026-01-22 X\nBody") == (None, "", "dated 2026-01-22 X\nBody", [])


def test_parse_header_only_first_line():
    date, title, body, warnings = parse_header("Intro\ndate 2026-01-22 Title\nBody")
    assert (date, title, warnings) == (None, "", [])
    assert body == "Intro\ndate 2026-01-22 Title\nBody"


# --- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, data", [
    ("utf8.txt", RUSSIAN.encode("utf-8")),
    ("utf8bom.txt", RUSSIAN.encode("utf-8-sig")),
    ("cp1251.txt", RUSSIAN.encode("windows-1251")),
    ("koi8r.txt", RUSSIAN.encode("koi8-r")),
    ("utf16.txt", RUSSIAN.encode("utf-16")),          # native order, with BOM
    ("utf16be.txt", b"\xfe\xff" + RUSSIAN.encode("utf-16-be")),
    ("utf16le.txt", b"\xff\xfe" + RUSSIAN.encode("utf-16-le")),
])
def test_encodings_decode_to_the_same_text(tmp_path, name, data):
    src = read_source(write(tmp_path, name, data))
    assert src.text == RUSSIAN
    assert not src.text.startswith("\ufeff")


def test_encoded_header_is_parsed(tmp_path):
    data = ("date 2025-10-10 Атака на танкер\n" + RUSSIAN).encode("windows-1251")
    src = read_source(write(tmp_path, "a.txt", data))
    assert src.date == "2025-10-10"
    assert src.title == "Атака на танкер"
    assert src.text == "Атака на танкер\n\n" + RUSSIAN


# --- refusals -----------------------------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "empty document (no text)"),
    (b"   \n\t\r\n  ", "empty document (no text)"),
    ("\ufeff  \n".encode("utf-8"), "empty document (no text)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
    (b"text\x00more text", "binary file, not text"),
])
def test_unreadable_contents_raise_input_error(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: {reason}"


def test_missing_path(tmp_path):
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == "no such file"
    assert str(info.value) == f"{path}: no such file"


def test_directory(tmp_path):
    with pytest.raises(InputError) as info:
        read_source(tmp_path)
    assert info.value.reason == "is a directory"
    assert str(info.value) == f"{tmp_path}: is a directory"


def test_oversized_file(tmp_path, monkeypatch):
    import extract.reader as reader
    monkeypatch.setattr(reader, "MAX_BYTES", 10)
    path = write(tmp_path, "big.txt", b"x" * 11)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == "file is 11 bytes, over the limit of 10 for a text"


def test_input_error_accepts_str_path():
    err = InputError("some/file.txt", "no such file")
    assert (err.path, err.reason, str(err)) == ("some/file.txt", "no such file", "some/file.txt: no such file")


# --- identity -----------------------------------------------------------------------------

def test_content_hash_is_sha256_of_raw_bytes(tmp_path):
    data = ("date 2026-01-22 Заголовок\r\n" + RUSSIAN).encode("windows-1251")
    src = read_source(write(tmp_path, "a.txt", data))
    assert src.content_hash == hashlib.sha256(data).hexdigest()


def test_path_is_kept_as_given(tmp_path):
    path = write(tmp_path, "a.txt", b"Body")
    assert read_source(str(path)).path == str(path)


@pytest.mark.parametrize("name, slug", [
    ("000_ba931c61e4d5ac49.txt", "000_ba931c61e4d5ac49"),
    ("my news file.txt", "my-news-file"),
    ("report.v2.final.txt", "report.v2.final"),
    ("--odd  name!!.txt", "odd-name"),
    ("новости.txt", "novosti"),            # romanised, as entity names are
    ("..txt", ""),                         # no `doc/..`: the hash alone
    ("中国石油.txt", ""),
])
def test_key_is_slug_of_stem_and_content_hash(tmp_path, name, slug):
    src = read_source(write(tmp_path, name, b"Body"))
    digest = hashlib.sha256(b"Body").hexdigest()[:12]
    assert src.key == (f"{slug}-{digest}" if slug else digest)
    assert src.key == document_key(name, src.content_hash)


def test_peek_key_gives_read_sources_key_and_hash_or_leaves_the_file_to_it(tmp_path, monkeypatch):
    """A build's first look at every file (one open, one fstat, one read): the key and hash read_source gives;
    None for what read_source is to refuse (a folder, a file over the limit, no file)."""
    import os

    import extract.reader as reader
    from extract.reader import peek_key
    for name, data in [("новости.txt", ("date 2026-01-22 Заголовок\r\n" + RUSSIAN).encode("windows-1251")),
                       ("empty.txt", b""), ("a b.txt", b"x" * 70000)]:
        path = write(tmp_path, name, data)
        src = read_source(path) if data else None
        assert peek_key(path) == peek_key(str(path)) == (document_key(name, hashlib.sha256(data).hexdigest()),
                                                         hashlib.sha256(data).hexdigest())
        if src is not None:
            assert peek_key(path) == (src.key, src.content_hash)
    os.mkfifo(tmp_path / "pipe.txt")
    with open(os.open(tmp_path / "pipe.txt", os.O_RDWR), "rb"):   # a writer: opening it does not wait
        assert peek_key(tmp_path / "pipe.txt") is None
    assert peek_key(tmp_path) is None and peek_key(tmp_path / "none.txt") is None
    monkeypatch.setattr(reader, "MAX_HTML_BYTES", 10)
    monkeypatch.setattr(reader, "MAX_BYTES", 10)
    assert peek_key(write(tmp_path, "big.txt", b"x" * 11)) is None


def test_one_file_by_any_path_has_one_key_and_source(tmp_path, monkeypatch):
    path = write(tmp_path, "news.txt", RUSSIAN.encode())
    monkeypatch.chdir(tmp_path.parent)
    relative = read_source(f"{tmp_path.name}/news.txt")
    absolute = read_source(path)
    monkeypatch.chdir(tmp_path)
    own_folder = read_source("news.txt")
    assert relative.key == absolute.key == own_folder.key
    assert relative.source == absolute.source == own_folder.source == str(path.resolve())
    assert (relative.path, own_folder.path) == (f"{tmp_path.name}/news.txt", "news.txt")   # messages: as given


def test_two_files_of_one_name_have_two_keys(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write(tmp_path / "a", "news.txt", RUSSIAN.encode())
    b = write(tmp_path / "b", "news.txt", (RUSSIAN + " Ещё.").encode())
    assert read_source(a).key != read_source(b).key
    assert read_source(a).source != read_source(b).source


def test_source_in_a_git_work_tree_is_relative_to_it(tmp_path):
    """A clone elsewhere (CI) gives the same ekg:sourcePath."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "corpus").mkdir()
    path = write(tmp_path / "corpus", "news.txt", RUSSIAN.encode())
    assert read_source(path).source == "corpus/news.txt"


def test_file_name_not_utf8_is_shown_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    path = write(tmp_path, name, RUSSIAN.encode())
    src = read_source(path)
    assert src.path == f"{tmp_path}/caf\\xe9.txt"
    assert src.source.endswith("/caf\\xe9.txt") and src.key.startswith("caf-xe9-")
    src.source.encode("utf-8")   # writable: no lone surrogates


def test_path_over_the_system_limit_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        read_source(tmp_path / ("a" * 5000 + ".txt"))
    assert info.value.reason == "cannot read: File name too long"


# --- refusals and warnings of robustness (tests/test_bad_inputs.py runs them through kg build) ----------

def test_broken_utf8_is_refused_not_guessed(tmp_path):
    data = RUSSIAN.encode("utf-8")
    at = len("Казахстан ".encode())
    path = write(tmp_path, "a.txt", data[:at] + b"\x81\x82" + data[at:])
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == (f"not valid UTF-8: 2 undecodable byte sequence(s), the first at byte {at}; "
                                 "repair the file or save it again as UTF-8")


@pytest.mark.parametrize("text, warned", [
    (RUSSIAN, False),
    ("The tanker Matilda was attacked near the CPC terminal. " + "Танкер атакован.", True),
    ("12345 67890", True),
])
def test_little_cyrillic_is_warned(tmp_path, text, warned):
    warnings = read_source(write(tmp_path, "a.txt", text.encode())).warnings
    assert bool(warnings) == warned
    if warned:
        assert "Cyrillic" in warnings[0] or "no letters" in warnings[0]


def test_header_out_of_order_is_warned(tmp_path):
    src = read_source(write(tmp_path, "a.txt", ("2026-01-22 date Заголовок\n" + RUSSIAN).encode()))
    assert src.date is None and src.title == ""
    assert src.warnings == ("the first line looks like a header but is not `date YYYY-MM-DD Title`; "
                            "read as text, without a date",)


def test_web_page_without_an_article(tmp_path):
    path = write(tmp_path, "a.html", b"<html><head><title>x</title></head><body><p></p></body></html>")
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        read_source(path)


def test_web_page_limit_is_its_own(tmp_path, monkeypatch):
    import extract.reader as reader
    monkeypatch.setattr(reader, "MAX_HTML_BYTES", 10)
    path = write(tmp_path, "a.htm", b"<html>" + b" " * 20)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == "file is 26 bytes, over the limit of 10 for a web page"


@pytest.mark.parametrize("codec", ["windows-1251", "koi8-r", "cp866", "iso8859-5"])
@pytest.mark.parametrize("text", ["Атака на танкер", "Украина атаковала танкер у терминала КТК", RUSSIAN])
def test_short_russian_in_legacy_code_pages(tmp_path, codec, text):
    """A headline alone is too short for charset-normalizer (windows-1251 came out as Mac Cyrillic)."""
    assert read_source(write(tmp_path, "a.txt", text.encode(codec))).text == text


def test_byte_undefined_in_the_code_page_is_reported(tmp_path):
    data = RUSSIAN.encode("windows-1251")
    path = write(tmp_path, "a.txt", data[:30] + b"\x98" + data[30:])     # 0x98 means nothing in windows-1251
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.reason == ("not valid UTF-8, and as cp1251 (the nearest fit) 1 byte(s) mean nothing, "
                                 "the first at byte 30")


# --- encodings and languages that were read wrong without a word ------------------------------

def test_utf8_word_inside_cp1251_is_decoded_and_warned(tmp_path):
    data = RUSSIAN.encode("windows-1251").replace("Бакаев".encode("windows-1251"), "Бакаев".encode("utf-8"))
    src = read_source(write(tmp_path, "a.txt", data))
    assert src.text == RUSSIAN
    assert src.warnings == ("read as cp1251, but 1 word(s) in it are UTF-8: read as UTF-8 (check them)",)


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_a_bom(tmp_path, codec):
    data = RUSSIAN.encode(codec)
    if codec != "utf-32":
        data = ("\ufeff" + RUSSIAN).encode(codec)
    src = read_source(write(tmp_path, "a.txt", data))
    assert src.text == RUSSIAN and "\x00" not in src.text


@pytest.mark.parametrize("raw, date", [("20240301", "2024-03-01"), ("2024-W10-1", "2024-03-04")])
def test_header_date_not_written_yyyy_mm_dd_is_warned(raw, date):
    assert parse_header(f"date {raw} Заголовок\nТекст") == (
        date, "Заголовок", "Текст", [f"header date {raw!r} is not written YYYY-MM-DD; read as {date}"])


UKRAINIAN = ("Україна веде переговори з Казахстаном щодо атак на інфраструктуру Каспійського трубопровідного "
             "консорціуму. Про це заявив заступник міністра закордонних справ Казахстану Алібек Бакаєв.")
KAZAKH = ("Қазақстан Каспий құбыр консорциумының инфрақұрылымына жасалған шабуылдар бойынша келіссөздер "
          "жүргізуде. Бұл туралы Қазақстан Сыртқы істер министрінің орынбасары Әлібек Бақаев мәлімдеді.")


@pytest.mark.parametrize("text, language", [(UKRAINIAN, "Ukrainian"), (KAZAKH, "Kazakh")])
def test_other_cyrillic_languages_are_warned(tmp_path, text, language):
    [warning] = read_source(write(tmp_path, "a.txt", text.encode())).warnings
    assert warning.startswith(f"its Cyrillic looks {language} (it has ")
    assert warning.endswith("): the models read Russian, so extraction is partial at best")


def test_a_ukrainian_name_in_russian_is_not_warned(tmp_path):
    text = RUSSIAN + " Об этом сообщили в Київі."
    assert read_source(write(tmp_path, "a.txt", text.encode())).warnings == ()


# --- YAML front matter --------------------------------------------------------------------------

FRONT = ("---\nurl: https://example.org/news/1\noutlet: Интерфакс\nlanguage: RU\ndate: 2026-03-14\n"
         "title: Беспилотники атаковали нефтебазу\n---\n")


def test_front_matter_gives_metadata_title_and_date(tmp_path):
    src = read_source(write(tmp_path, "a.txt", (FRONT + RUSSIAN + "\n").encode()))
    assert src.metadata == {"url": "https://example.org/news/1", "outlet": "Интерфакс", "language": "ru",
                            "date": "2026-03-14", "title": "Беспилотники атаковали нефтебазу"}
    assert (src.date, src.title) == ("2026-03-14", "Беспилотники атаковали нефтебазу")
    # offsets refer to the text without the front matter: the title line, a blank line, the body
    assert src.text == "Беспилотники атаковали нефтебазу\n\n" + RUSSIAN
    assert src.warnings == ()


def test_front_matter_then_a_header_line_the_front_matter_wins(tmp_path):
    src = read_source(write(tmp_path, "a.txt", f"---\ndate: '2026-03-14'\n---\ndate 2026-01-22 Заголовок\n{RUSSIAN}".encode()))
    assert (src.date, src.title, src.text) == ("2026-03-14", "Заголовок", "Заголовок\n\n" + RUSSIAN)
    assert src.metadata == {"date": "2026-03-14"}


def test_front_matter_keeps_the_text_without_it_and_a_windows_1251_file(tmp_path):
    src = read_source(write(tmp_path, "a.txt", ("---\r\noutlet: ТАСС\r\n...\r\n" + RUSSIAN).encode("cp1251")))
    assert src.metadata == {"outlet": "ТАСС"}
    assert (src.title, src.date, src.text) == ("", None, RUSSIAN)


def test_front_matter_values_that_cannot_be_used_are_warned_and_dropped(tmp_path):
    src = read_source(write(tmp_path, "a.txt", ("---\nurl: javascript:alert(1)\nlanguage: русский\ndate: вчера\n"
                                                "title: [a, b]\nauthor: Иванов\n---\n" + RUSSIAN).encode()))
    assert src.metadata == {}
    assert src.warnings == (
        "front matter key(s) author not read (known: url, outlet, language, date, title)",
        "front matter url 'javascript:alert(1)' is not an http(s) address; ignored",
        "front matter language 'русский' is not a language tag (ru, en, kk ...); ignored",
        "front matter date 'вчера' is not a YYYY-MM-DD date; ignored",
        "front matter title is a list, not text; ignored")


def test_a_rule_above_prose_is_text_not_front_matter(tmp_path):
    src = read_source(write(tmp_path, "a.txt", f"---\nМолния\n---\n{RUSSIAN}".encode()))
    assert (src.metadata, src.title, src.text) == ({}, "", f"---\nМолния\n---\n{RUSSIAN}")
    assert src.warnings == ("the first line is `---`, but what follows up to the next `---` is a str, not front "
                            "matter (url: ..., date: ...): read as text",)


@pytest.mark.parametrize("front, reason", [
    ("---\nurl: [https://example.org\n---\n",
     "front matter is not valid YAML at line 3, column 1: expected ',' or ']', but got '<stream end>'"),
    ("---\ntitle: a: b\n---\n", "front matter is not valid YAML at line 2, column 9: mapping values are not allowed here"),
    ("---\nurl: https://example.org\n", "front matter opened by `---` on line 1 is never closed by a `---` line"),
    ("---\n!!python/object:os.system x: 1\n---\n",
     "front matter is not valid YAML at line 2, column 1: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object:os.system'"),
])
def test_bad_front_matter_is_refused_naming_the_file_and_line(tmp_path, front, reason):
    path = write(tmp_path, "bad.txt", (front + RUSSIAN).encode())
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: {reason}"

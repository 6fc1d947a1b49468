"""`kg events` (kg/events.py, ontology/queries/events_table.rq) and documents with YAML front matter, on a real
store on disk built from the seed, a front-matter article and a file whose front matter is bad YAML."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys

import pytest

from extract.reader import read_source
from extract.records import Entity
from kg.cli import main
from kg.events import Filters, parameterised, query_text
from kg.graph import doc_iri
from kg.stores import open_store

from conftest import ROOT, SEED, TEXTS
from kg_fixtures import EKG, stored, written_document

FRONT = TEXTS / "front_matter.txt"
URL = "https://example.org/news/2026/03/14/novorossiysk"
COLUMNS = ["id", "date", "date_begin", "date_end", "date_precision", "is_report_date", "class", "class_label",
           "acled_event_type", "acled_sub_event_type", "cameo_code", "actor1", "actor2", "assets", "place",
           "latitude", "longitude", "modality", "trigger", "reports", "mentions", "source_documents",
           "source_urls", "outlets", "sentence"]


@pytest.fixture(scope="module")
def events_store(tmp_path_factory, nlp):
    """The seed, the front-matter article and a bad one, built in this process with the session's pipeline."""
    from kg import workers
    from kg.build import build
    folder = tmp_path_factory.mktemp("events")
    bad = folder / "bad_yaml.txt"
    bad.write_text("---\ntitle: [не закрыто\n---\nТекст статьи о переговорах в Москве.\n", encoding="utf-8")
    path = folder / "store"
    run = contextlib.nullcontext(lambda sources: (workers.build(nlp, s) for s in sources))
    report = build(open_store(path, create=True), [str(SEED), str(FRONT), str(bad)], (run, None))
    assert (report.built, report.failed) == (2, 1)   # the bad file fails alone, the batch goes on
    return path


@pytest.fixture(scope="module")
def front_doc():
    return str(doc_iri(read_source(FRONT).key))


def events(store, *args) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["events", "--store", str(store), *args]) == 0
    return out.getvalue()


def table(store, *args) -> list[dict]:
    return list(csv.DictReader(io.StringIO(events(store, *args))))


def test_front_matter_reaches_the_document_node(events_store, front_doc):
    store = open_store(events_store, read_only=True)
    found = {(s["p"].value, s["o"].value) for s in store.query(
        f"SELECT ?p ?o WHERE {{ <{front_doc}> ?p ?o FILTER(?p IN (schema:url, schema:publisher, dcterms:language, "
        f"schema:headline, schema:datePublished)) }}")}
    assert found == {("https://schema.org/url", URL),
                     ("https://schema.org/publisher", "https://w3id.org/energy-kg/id/entity/interfax"),
                     ("http://purl.org/dc/terms/language", "ru"),
                     ("https://schema.org/headline", "Беспилотники атаковали нефтебазу в Новороссийске"),
                     ("https://schema.org/datePublished", "2026-03-14")}
    [row] = store.query(f'SELECT ?t WHERE {{ <{front_doc}> nif:isString ?t }}')
    assert not row["t"].value.startswith("---") and "url:" not in row["t"].value


def test_front_matter_keeps_offsets_right(events_store, front_doc):
    """Every span of the document (mentions, triggers, sentences, dates) is the text at its offsets."""
    store = open_store(events_store, read_only=True)
    [row] = store.query(f"""SELECT (COUNT(?n) AS ?spans) (SUM(IF(SUBSTR(?text, ?b + 1, ?e - ?b) = ?a, 1, 0)) AS ?right)
        WHERE {{ <{front_doc}> nif:isString ?text . ?n nif:referenceContext <{front_doc}> ;
                 nif:anchorOf ?a ; nif:beginIndex ?b ; nif:endIndex ?e }}""")
    assert int(row["spans"].value) > 10
    assert row["right"].value == row["spans"].value
    # counted from the title, the text's first line, not from the file's: the front matter is no part of it
    [own] = store.query(f"SELECT ?b ?e WHERE {{ <{front_doc}/event/0/trigger> nif:beginIndex ?b ; nif:endIndex ?e }}")
    assert (int(own["b"].value), int(own["e"].value)) == (13, 22)


def test_event_table_csv_rows_of_the_front_matter_article(events_store, front_doc):
    text = events(events_store, "--since", "2026-03-01")
    source = f"{front_doc},{URL},Интерфакс"
    assert text.splitlines() == [
        ",".join(COLUMNS),
        f"{front_doc}/event/0,2026-03-14,2026-03-13,2026-03-14,day,false,Attack,Attack,Explosions/Remote violence,"
        f"Air/drone strike,190; 195,,,нефтебаза в Новороссийске,Новороссийск,44.73188,37.76176,asserted,"
        f"атаковали,1,2,"
        f"{source},Беспилотники атаковали нефтебазу в Новороссийске",
        f"{front_doc}/event/1,2026-03-14,2026-03-14,2026-03-14,day,true,Statement,Statement,,,010,"
        f"Вениамин Кондратьев,,,,,,asserted,сообщил,1,1,{source},"
        f"Об этом сообщил губернатор Краснодарского края Вениамин Кондратьев.",
        f"{front_doc}/event/2,2026-03-14,2026-03-14,2026-03-14,day,true,Meeting,Meeting,,,042; 043; 044,"
        f"Сергей Цивилев,,,Москва,55.75204,37.61781,asserted,совещание,1,1,{source},"
        f"Министр энергетики России Сергей Цивилев провел совещание в Москве."]


def test_event_table_json_is_typed(events_store, front_doc):
    [row] = json.loads(events(events_store, "--format", "json", "--class", "meeting"))
    assert row == {
        "id": f"{front_doc}/event/2", "date": "2026-03-14", "date_begin": "2026-03-14", "date_end": "2026-03-14",
        "date_precision": "day", "is_report_date": True, "class": "Meeting", "class_label": "Meeting",
        "acled_event_type": None, "acled_sub_event_type": None, "cameo_code": "042; 043; 044",
        "actor1": "Сергей Цивилев", "actor2": None, "assets": None, "place": "Москва", "latitude": 55.75204,
        "longitude": 37.61781, "modality": "asserted", "trigger": "совещание", "reports": 1, "mentions": 1,
        "source_documents": front_doc, "source_urls": URL, "outlets": "Интерфакс",
        "sentence": "Министр энергетики России Сергей Цивилев провел совещание в Москве."}


def test_a_class_is_also_named_by_its_label_in_any_case(events_store):
    """`--class атака` (the class's Russian label, as the page's legend shows it) keeps what `--class Attack` keeps;
    a label of no event class is refused."""
    assert table(events_store, "--class", "атака") == table(events_store, "--class", "Attack") != []
    assert [r["class"] for r in table(events_store, "--class", "ВСТРЕЧА")] == ["Meeting"]
    assert main(["events", "--store", str(events_store), "--class", "Персона"]) == 2


def test_seed_attacks_one_row_each_several_fillers_in_one_cell(events_store):
    rows = table(events_store, "--class", "Attack", "--until", "2026-01-31")
    assert [(r["date"], r["is_report_date"], r["actor1"], r["assets"], r["trigger"]) for r in rows] == [
        ("2025-autumn", "false", "Украина", "объекты консорциума", "атакованы"),
        ("2026-01", "false", "Украина", "Дельта Хармони; Матильда; морской терминал в Новороссийске", "атаковала"),
        # "у Украины позиции нет по атакам ВСУ": no longer the attacks' place; still an agent beside ВСУ
        ("2026-01-22", "true", "Вооруженные силы Украины; Украина", "", "атакам"),
        ("2026-01-22", "true", "Украина", "инфраструктура Каспийского трубопроводного консорциума", "атак"),
        ("2026-01-22", "true", "Украина", "Delta Supreme", "атаке")]
    assert {(r["acled_event_type"], r["acled_sub_event_type"], r["cameo_code"], r["outlets"], r["source_urls"])
            for r in rows} == {("Explosions/Remote violence", "Air/drone strike", "190; 195", "Informburo.kz", "")}


@pytest.mark.parametrize("args, triggers", [
    (("--since", "2026-03-14"), ["атаковали", "сообщил", "совещание"]),
    # "в ночь на 14 марта" begins on the 13th; the statement and the meeting have the report date, the 14th
    (("--since", "2026-02-01", "--until", "2026-03-13"), ["атаковали"]),
    (("--actor", "КОНДРАТЬЕВ"), ["сообщил"]),
    # the drones are the attack's instrument (grammar.ttl WeaponNouns), no actor
    (("--actor", "беспилот", "--since", "2026-03-01"), []),
    (("--actor", "https://w3id.org/energy-kg/id/entity/sergey-tsivilev"), ["совещание"]),
    (("--since", "2026-03-01", "--place", "москв"), ["совещание"]),
    (("--place", "Новороссийск", "--class", "DroneAttack"), []),
    (("--place", "Новороссийск", "--class", "ekg:Attack"), ["атакованы", "атаковала", "атаковали"]),
    (("--actor", '"} ; DROP ALL ; INSERT DATA {"'), []),     # a value, not SPARQL
])
def test_filters(events_store, args, triggers):
    assert [r["trigger"] for r in table(events_store, *args)] == triggers


def test_filters_are_the_saved_question_s_parameters_as_sparql_terms():
    """One mechanism for parameters: the filters are the question's declared parameters, written in by
    kg.questions.with_params, as `kg query events_table --param` writes them."""
    from kg.questions import find_question, with_params
    sparql = parameterised(query_text(), Filters(since="2026-03-01", event_class="attack", actor='Кто "то"'))
    # class and dates: once, in the sub-select of the rows that every column's reports start from (issue 18)
    assert sparql.count('VALUES ?wanted_class { <https://w3id.org/energy-kg/ont#Attack> } VALUES ?since '
                        '{ "2026-03-01"^^<http://www.w3.org/2001/XMLSchema#date> } VALUES ?until { UNDEF }\n') == 1
    assert "?wanted_class { UNDEF }" not in sparql and "?since { UNDEF }" not in sparql
    # actor and place: where the reports asked are selected, and in the lookup of the labels that match each
    assert sparql.count('VALUES ?wanted_actor { "Кто \\"то\\"" } VALUES ?wanted_place { UNDEF }') == 1
    assert sparql.count('VALUES ?wanted_actor { "Кто \\"то\\"" } FILTER(BOUND(?wanted_actor))') == 1
    assert sparql.count('VALUES ?wanted_place { UNDEF } FILTER(BOUND(?wanted_place))') == 1
    assert "?wanted_actor { UNDEF }" not in sparql
    assert [p.name for p in find_question("events_table").params] == [
        "since", "until", "wanted_class", "wanted_actor", "wanted_place"]
    assert sparql == with_params(query_text(), {"since": "2026-03-01", "wanted_actor": 'Кто "то"',
                                                "wanted_class": "https://w3id.org/energy-kg/ont#Attack"})


@pytest.mark.parametrize("args, message", [
    (["--class", "Atack"], "error: --class 'Atack' is not a class of the ontology"),
    (["--since", "14.03.2026"], "error: --since '14.03.2026' is not a date: write YYYY-MM-DD"),
    (["--format", "parquet"], "error: --format parquet writes a file: give --out FILE.parquet"),
])
def test_bad_options_are_one_line(events_store, capsys, args, message):
    assert main(["events", "--store", str(events_store), *args]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_parquet_without_pyarrow_says_what_to_install(events_store, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["events", "--store", str(events_store), "--format", "parquet", "--out", str(tmp_path / "e.parquet")]) == 2
    assert "pip install 'energy-kg[parquet]'" in capsys.readouterr().err


def test_parquet_reads_back_typed(events_store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert main(["events", "--store", str(events_store), "--format", "parquet", "--out", str(out),
                 "--since", "2026-03-01"]) == 0
    data = pq.read_table(out)
    assert data.column_names == COLUMNS
    assert [str(data.schema.field(c).type) for c in ("date_begin", "is_report_date", "reports", "latitude")] == [
        "date32[day]", "bool", "int64", "double"]
    rows = data.to_pylist()
    assert [(r["trigger"], str(r["date_begin"]), r["is_report_date"], r["source_urls"]) for r in rows] == [
        ("атаковали", "2026-03-13", False, URL), ("сообщил", "2026-03-14", True, URL),
        ("совещание", "2026-03-14", True, URL)]


def test_the_format_follows_the_out_files_extension(events_store, tmp_path, capsys):
    """`--out events.parquet` without --format wrote CSV into the .parquet file: the extension now picks the
    format (.json, .parquet; anything else CSV), and an explicit --format still wins."""
    pq = pytest.importorskip("pyarrow.parquet")
    base = ["events", "--store", str(events_store), "--since", "2026-03-01"]
    assert main([*base, "--out", str(tmp_path / "e.parquet")]) == 0
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 3
    assert main([*base, "--out", str(tmp_path / "e.JSON")]) == 0
    assert len(json.loads((tmp_path / "e.JSON").read_text(encoding="utf-8"))) == 3
    assert main([*base, "--out", str(tmp_path / "e.txt")]) == 0
    assert (tmp_path / "e.txt").read_text(encoding="utf-8").startswith("id,date,")
    assert main([*base, "--format", "csv", "--out", str(tmp_path / "f.json")]) == 0
    assert (tmp_path / "f.json").read_text(encoding="utf-8").startswith("id,date,")
    assert capsys.readouterr().err.splitlines() == [
        f"wrote {tmp_path / 'e.parquet'} (3 events, parquet)", f"wrote {tmp_path / 'e.JSON'} (3 events, json)",
        f"wrote {tmp_path / 'e.txt'} (3 events, csv)", f"wrote {tmp_path / 'f.json'} (3 events, csv)"]


@pytest.mark.slow
def test_kg_events_command_writes_a_file(events_store, tmp_path):
    out = tmp_path / "events.json"
    r = subprocess.run([sys.executable, "-m", "kg.cli", "events", "--store", str(events_store), "--format", "json",
                        "--place", "Новороссийск", "--out", str(out)], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert (r.returncode, r.stderr) == (0, f"wrote {out} (3 events, json)\n")
    assert [e["trigger"] for e in json.loads(out.read_text(encoding="utf-8"))] == ["атакованы", "атаковала", "атаковали"]


def test_summary_answers_the_numbered_questions_not_the_table(events_store):
    from kg.summary import summarize
    out = io.StringIO()
    with open_store(events_store, read_only=True) as store:
        assert summarize(store, out) == 0
    asked = [line.split(")")[0] for line in out.getvalue().splitlines() if line.startswith("CQ (")]
    assert asked == ["CQ (01_who_is_bakayev.rq", "CQ (02_cpc.rq", "CQ (03_attacks.rq", "CQ (04_kazakhstan_actions.rq",
                     "CQ (05_bakayev_statements.rq", "CQ (06_cpc_asset_events.rq", "CQ (07_operator_asset_attacks.rq",
                     "CQ (08_statements_by.rq", "CQ (09_events_at_place.rq", "CQ (10_events_in_period.rq",
                     "CQ (11_events_by_class.rq"]


@pytest.mark.slow
def test_a_store_with_front_matter_conforms_to_the_shapes(events_store):
    from kg.validate import report, validate_store
    out = io.StringIO()
    with open_store(events_store, read_only=True) as store:
        assert report(validate_store(store, None), out) == 0, out.getvalue()


def test_joined_cells_are_sorted_whatever_the_plan():
    """GROUP_CONCAT leaves the order of a cell's values to the engine: the table sorts them, so one store gives one
    table; one value, counts and plain text are left as they are."""
    import pyoxigraph as ox
    from kg.events import cell
    assert cell("actor1", ox.Literal("Россия; Европейский союз")) == "Европейский союз; Россия"
    assert cell("source_documents", ox.Literal("urn:b; urn:a")) == "urn:a; urn:b"
    assert cell("sentence", ox.Literal("Б; А")) == "Б; А"
    assert cell("reports", ox.Literal("2")) == 2
    assert cell("actor2", ox.Literal("")) is None


def test_rows_of_one_day_follow_their_first_document_then_the_text(tmp_path):
    """Dated rows by day; rows of one day by the first document reporting them, then by where the trigger stands
    in it: an order of the store's content. A statement merged across two outlets stands before the attack its
    first article reports after it; sorted by the joined documents' cell ("a; c" after "a"), it came second."""
    from kg.event_link import link_events
    from kg.events import table as event_table
    sorokin = Entity("pavel-sorokin", EKG + "Person", "Павел Сорокин", "Pavel Sorokin")
    vsu = Entity("vsu", EKG + "ArmedForces", "ВСУ", "Armed Forces of Ukraine")
    said = ("Statement", "заявил", "2026-03-05", [("agent", "pavel-sorokin")])
    first = written_document("a-vedomosti", "Министр энергетики Павел Сорокин заявил о росте добычи нефти. "
                             "В тот же день ВСУ атаковали нефтебазу в Туапсе.", [sorokin, vsu],
                             [said, ("Attack", "атаковали", "2026-03-05", [("agent", "vsu")])])
    second = written_document("c-kommersant", "Павел Сорокин заявил, что добыча нефти в марте выросла.", [sorokin],
                              [said])
    store = stored(tmp_path / "store", first, second)
    assert link_events(store) == 1
    rows = event_table(store)[1]
    assert [(r["date_begin"], r["trigger"], r["reports"], r["source_documents"]) for r in rows] == [
        ("2026-03-05", "заявил", 2, f"{doc_iri('a-vedomosti')}; {doc_iri('c-kommersant')}"),
        ("2026-03-05", "атаковали", 1, str(doc_iri("a-vedomosti")))]


def test_coordinates_are_the_first_named_place_s_that_has_them(tmp_path):
    """An event at several places: latitude and longitude are both of the first place by name that has a point
    (a place the gazetteers do not know is passed over), not an engine's pick (SAMPLE took the store's order of
    the places: Tel Aviv's point for the marches). Every pair of three cities, so no order of the places in the
    store gives the names' order for all three events."""
    from kg.events import table as event_table
    place = "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"
    cities = [Entity("jerusalem", EKG + "City", "Иерусалим", "Jerusalem", alt_labels=["Иерусалиме"]),
              Entity("haifa", EKG + "City", "Хайфа", "Haifa", alt_labels=["Хайфе"]),
              Entity("tel-aviv", EKG + "City", "Тель-Авив", "Tel Aviv", alt_labels=["Тель-Авиве"]),
              Entity("habima", EKG + "Place", "площадь Габима", "Habima Square", alt_labels=["площади Габима"])]
    doc = written_document("protests", "В Иерусалиме и Хайфе прошли митинги. В Иерусалиме и Тель-Авиве прошли марши. "
                           "В Хайфе и Тель-Авиве, на площади Габима, прошли забастовки.", cities, [
                               ("Protest", "митинги", None, [(place, "jerusalem"), (place, "haifa")]),
                               ("Protest", "марши", None, [(place, "jerusalem"), (place, "tel-aviv")]),
                               ("Protest", "забастовки", None, [(place, "haifa"), (place, "tel-aviv"),
                                                                (place, "habima")])])
    rows = event_table(stored(tmp_path / "store", doc))[1]
    assert [(r["trigger"], r["place"], r["latitude"], r["longitude"]) for r in rows] == [
        ("митинги", "Иерусалим; Хайфа", 31.76904, 35.21633),
        ("марши", "Иерусалим; Тель-Авив", 31.76904, 35.21633),
        ("забастовки", "Тель-Авив; Хайфа; площадь Габима", 32.08088, 34.78057)]

"""notebooks/01_explore.ipynb runs top to bottom, offline, in this interpreter's kernel, and shows the answers.

The notebook is committed without outputs; this executes a copy in memory (cwd notebooks/, as Jupyter does).
"""
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "01_explore.ipynb"


class _Tables(HTMLParser):
    """Cells of every <table> in an HTML fragment, row by row."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def frame_rows(output) -> list[dict[str, str]]:
    """The rows of a displayed DataFrame (its HTML form) as {column: text}, the index dropped."""
    parser = _Tables()
    parser.feed(output["data"]["text/html"])
    [[header, *rows]] = parser.tables
    return [dict(zip(header[1:], row[1:])) for row in rows]


@pytest.fixture(scope="module")
def cells(tmp_path_factory):
    """The executed notebook's code cells by id. The kernel is this very interpreter: a "python3"
    kernelspec of the user's or the system's must not pick another Python."""
    kernels = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(kernels / "python3")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    try:
        NotebookClient(nb, km=km, timeout=600, resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:   # nbclient leaves a kernel it did not start running; a graceful stop removes its temporary store
        if km.has_kernel:
            km.shutdown_kernel()
    return {c.id: c for c in nb.cells if c.cell_type == "code"}


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.slow
def test_runs_clean_in_this_interpreter(cells):
    outputs = [o for c in cells.values() for o in c.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"] == []
    assert all(c.execution_count for c in cells.values())
    [setup] = cells["setup"].outputs
    assert setup.text == f"project: {ROOT}\npython:  {sys.prefix}\n"


@pytest.mark.slow
def test_builds_the_seed(cells):
    [built] = cells["build"].outputs
    # doc.path names the file relative to the git work tree (absolute outside one: a copy without .git)
    assert re.fullmatch(r"(/.*/)?seeds/000_ba931c61e4d5ac49\.txt: \d+ entities, \d+ events, \d+ relations\n", built.text)
    text, entities, events = cells["counts"].outputs
    assert re.fullmatch(r"1 document\(s\), \d+ triples\n", text.text)
    assert {"class": "Tanker", "entities": "2"} in frame_rows(entities)
    assert {"event type": "Attack", "events": "5"} in frame_rows(events)     # reports of one attack are one event


@pytest.mark.slow
def test_answers_every_competency_question(cells):
    outputs = cells["competency"].outputs
    titles = [o["data"]["text/markdown"] for o in outputs[0::2]]
    answers = {t.split("**")[1]: frame_rows(o) for t, o in zip(titles, outputs[1::2])}
    assert list(answers) == sorted(p.name for p in (ROOT / "ontology" / "queries").glob("*.rq"))
    assert all(answers.values())
    assert titles[0] == ("**01_who_is_bakayev.rq**: Who is Alibek Bakayev? His class, labels, "
                         "and the positions he holds, with the sentence that says so.")
    assert answers["01_who_is_bakayev.rq"] == [{
        "class": "Person", "label_ru": "Алибек Бакаев", "label_en": "Alibek Bakayev",
        "title": "заместитель министра иностранных дел Казахстана", "of": "Kazakhstan",
        "sentence": "Об этом заявил заместитель министра иностранных дел Казахстана Алибек Бакаев, "
                    "передает Informburo.kz."}]
    tankers = {(r["asset"], r["date"], r["precision"], r["attacker"])
               for r in answers["03_attacks.rq"] if r["class"] == "Tanker"}
    assert tankers == {("Дельта Хармони", "2026-01", "month", "Ukraine"), ("Матильда", "2026-01", "month", "Ukraine")}


@pytest.mark.slow
def test_shows_the_network_inline(cells):
    [shown] = cells["view"].outputs
    page = html.unescape(re.fullmatch(r'<div><iframe srcdoc="([^"]*)" .*</iframe></div>', shown["data"]["text/html"],
                                      re.S).group(1))
    assert page.lstrip().lower().startswith(("<html", "<!doctype html"))
    assert "Matilda" in page or "Матильда" in page


@pytest.mark.slow
def test_own_query_lists_events_with_targets_and_dates(cells):
    [result] = cells["own-query"].outputs
    assert result.output_type == "execute_result"
    rows = frame_rows(result)
    # the January attack is one event with two triggers ("атаковала", "атака была предпринята") and two targets
    assert [r["date"] for r in rows][:5] == ["2025-autumn"] + ["2026-01"] * 4
    assert all(r["date"] == "2026-01-22" for r in rows[5:])        # no date in their sentence: the report date
    assert {"date": "2026-01", "event": "Attack", "trigger": "атаковала", "target": "Матильда", "class": "Tanker",
            "sentence": "В январе 2026 года Украина атаковала танкеры «Дельта Хармони» и «Матильда», связанные с "
                        "перевозкой казахстанской нефти: атака была предпринята рядом с терминалом КТК в Черном море."
            } in rows

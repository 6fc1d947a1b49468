"""The command line itself: --version, bare `kg`, examples in every help, `kg view`'s default file and --open,
progress bars (on a terminal only, never with --quiet), and no store left by a build of nothing."""
import io
import sys
import tomllib
from pathlib import Path

import pytest

from kg.cli import VIEW_FILE, build_parser, main
from kg.stores import open_store
from kg_fixtures import sample_document, stored
from test_kg_cli import corpus, fake_pipeline  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    """stderr as a terminal: where progress bars are drawn."""

    def isatty(self):
        return True


def subcommands() -> dict:
    parser = build_parser()
    [action] = [a for a in parser._actions if a.dest == "command"]
    return action.choices


def test_version_is_the_package_version(capsys):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"kg {version}\n"


def test_bare_kg_prints_the_help_and_exits_2(capsys):
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == build_parser().format_help()
    assert err.startswith("usage: kg [-h] [--version] COMMAND ...\n")
    for name in subcommands():
        assert f"\n    {name} " in err


def test_every_command_shows_examples_of_itself():
    commands = subcommands()
    assert set(commands) >= {"build", "extract", "query", "export", "validate", "view", "docs", "evaluate",
                             "serve", "summary"}
    for name, parser in commands.items():
        help = parser.format_help()
        examples = help.split("\nexamples:\n", 1)[1].splitlines()
        assert examples and all(line.startswith(f"  kg {name} ") for line in examples), (name, help)


def test_view_writes_its_default_file_and_opens_it(tmp_path, monkeypatch, capsys):
    store = stored(tmp_path / "s", sample_document())
    store.load_ontology()
    del store   # the command opens the store itself
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.chdir(tmp_path)
    assert main(["view", "--store", str(tmp_path / "s")]) == 0
    assert VIEW_FILE == "kg-view.html" and (tmp_path / "kg-view.html").is_file() and opened == []
    assert capsys.readouterr().err == "wrote kg-view.html (6 nodes, 4 edges)\n"
    assert main(["view", "--store", str(tmp_path / "s"), "--out", "out/v.html", "--open"]) == 0
    assert opened == [(tmp_path / "out" / "v.html").as_uri()]


def test_view_open_without_a_browser_says_where_the_page_is(tmp_path, monkeypatch, capsys):
    """On a machine with no web browser (a server, no DISPLAY) webbrowser.open returns False: say so and
    give the page's address, instead of nothing."""
    store = stored(tmp_path / "s", sample_document())
    store.load_ontology()
    del store
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    monkeypatch.chdir(tmp_path)
    assert main(["view", "--store", str(tmp_path / "s"), "--open"]) == 0
    assert capsys.readouterr().err == ("wrote kg-view.html (6 nodes, 4 edges)\n"
                                       f"note: no web browser found to open it: open {(tmp_path / 'kg-view.html').as_uri()}\n")


def test_build_of_nothing_leaves_no_new_store(tmp_path, fake_pipeline, capsys):  # noqa: F811
    missing = tmp_path / "nothere.txt"
    assert main(["build", str(missing), "--store", str(tmp_path / "X")]) == 1
    assert capsys.readouterr().err == (
        f"error: {missing}: no such file or folder\n"
        f"built 0, unchanged 0, failed 1 of 1 input(s); store {tmp_path / 'X'}: 0 triples\n"
        f"note: no document was stored, so the new store {tmp_path / 'X'} was not kept\n")
    assert not (tmp_path / "X").exists()
    # the folders made for it go too; a readable file with nothing to store is no better
    (tmp_path / "blank.txt").write_text("  \n", encoding="utf-8")
    assert main(["build", str(tmp_path / "blank.txt"), "--store", str(tmp_path / "a" / "b" / "store")]) == 1
    assert not (tmp_path / "a").exists()
    assert fake_pipeline["build_nlp"] == 0


def test_build_of_nothing_keeps_an_existing_store(tmp_path, corpus, fake_pipeline, capsys):  # noqa: F811
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store)]) == 0
    assert main(["build", str(tmp_path / "nothere.txt"), "--store", str(store)]) == 1
    assert "not kept" not in capsys.readouterr().err
    assert len(open_store(store, read_only=True).stored_hashes()) == 2
    empty = tmp_path / "empty"
    empty.mkdir()                            # a folder the user made for the store is theirs
    assert main(["build", str(tmp_path / "nothere.txt"), "--store", str(empty)]) == 1
    assert empty.is_dir()


def test_build_progress_on_a_terminal_only(tmp_path, corpus, fake_pipeline, monkeypatch, capsys):  # noqa: F811
    assert main(["build", str(corpus), "--store", str(tmp_path / "s1")]) == 0
    assert "doc/s" not in capsys.readouterr().err           # stderr is not a terminal: no bar
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["build", str(corpus), "--store", str(tmp_path / "s2")]) == 0
    assert "2/2 [" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", quiet := Terminal())
    assert main(["build", str(corpus), "--store", str(tmp_path / "s3"), "--quiet"]) == 0
    assert "2/2" not in quiet.getvalue() and "built 2, unchanged 0, failed 0 of 2 input(s)" in quiet.getvalue()


def test_validate_progress_names_its_steps(tmp_path, monkeypatch, capsys):
    stored(tmp_path / "s", sample_document()).close()
    assert main(["validate", "--store", str(tmp_path / "s")]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys, "stderr", terminal := Terminal())
    assert main(["validate", "--store", str(tmp_path / "s")]) == 0
    drawn = terminal.getvalue()
    for step in ("validate, step 1 of 3: reading the store [",
                 "validate, step 2 of 3: checking 148 triples against the shapes (SHACL) [",   # Украина has a point
                 "validate, step 3 of 3: finding the sentences of the findings ["):
        assert step in drawn, drawn
    monkeypatch.setattr(sys, "stderr", quiet := Terminal())
    assert main(["validate", "--store", str(tmp_path / "s"), "-q"]) == 0
    assert quiet.getvalue() == ""


def test_evaluate_bars_follow_the_terminal_and_quiet(monkeypatch):
    from extract.evaluate import _bar
    monkeypatch.setattr(sys, "stderr", terminal := Terminal())
    assert list(_bar([1, 2], "pipeline", True)) == [1, 2]
    assert "pipeline: 100%" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", quiet := Terminal())
    assert list(_bar([1, 2], "pipeline", False)) == [1, 2] and quiet.getvalue() == ""
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert list(_bar([1, 2], "pipeline", True)) == [1, 2] and sys.stderr.getvalue() == ""
    assert "-q, --quiet" in subcommands()["evaluate"].format_help()


@pytest.mark.parametrize("options, progress", [([], True), (["--quiet"], False)])
def test_evaluate_passes_quiet_to_its_bars(monkeypatch, capsys, options, progress):
    import extract.evaluate
    import extract.pipeline
    seen = []
    monkeypatch.setattr(extract.pipeline, "build_nlp", lambda ontology=None: "nlp")
    monkeypatch.setattr(extract.evaluate, "evaluate", lambda docs, nlp, top, progress, same_as=None: seen.append(progress) or {})
    monkeypatch.setattr(extract.evaluate, "format_report", lambda report: "report")
    assert main(["evaluate", str(ROOT / "tests" / "fixtures" / "gold"), *options]) == 0
    assert seen == [progress] and capsys.readouterr().out == "report\n"


def test_validate_status_line_keeps_its_clock_running(monkeypatch):
    """SHACL is one call of minutes: the line is redrawn every second, so the elapsed time moves."""
    import time

    from kg.validate import _step, _steps
    monkeypatch.setattr(sys, "stderr", terminal := Terminal())
    with _steps(True) as steps:
        _step(steps, 2, "checking")
        time.sleep(1.2)
    assert "\rvalidate, step 2 of 3: checking [00:01]" in terminal.getvalue()

"""The command line as a newcomer meets it: -h everywhere, help grouped by task with whole
sentences and an example for every command, --json on the listing commands, and a live
progress line that stays on one row of an 80-column terminal."""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import FAST, HOME, crawl_on_terminal, run_cli

from pressarchive.cli import main
from pressarchive.sampleportal import PortalServer, build_portal

COMMANDS = sorted(main.commands)


def test_h_is_help_everywhere() -> None:
    top = run_cli("-h")
    assert top.returncode == 0 and top.stdout == run_cli("--help").stdout
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(main, [name, "-h"])
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith(f"Usage: main {name} "), name


def test_help_lists_commands_by_group_with_whole_sentences() -> None:
    text = run_cli("--help").stdout
    titles = [line[:-1] for line in text.splitlines() if line.endswith(":")
              and not line.startswith(" ")]
    assert titles == ["Options", "Crawl & operate", "Research", "Profiles"], titles
    sections = dict(re.findall(r"\n([A-Z][\w &]+):\n((?:  .*\n|\n(?=  ))+)", text))
    assert re.findall(r"^  (\w+)", sections["Crawl & operate"], re.M)[:3] == [
        "demo", "crawl", "runs"]
    assert re.findall(r"^  (\w+)", sections["Research"], re.M)[:4] == [
        "search", "export", "stats", "serve"]
    assert {"sites", "probe", "extract", "eval"} == set(
        re.findall(r"^  (\w+)", sections["Profiles"], re.M))
    listed = {m for body in sections.values() for m in re.findall(r"^  (\w+)", body, re.M)}
    assert listed == set(COMMANDS)
    listing = " ".join(" ".join(sections.values()).split())
    assert "..." not in listing  # no first sentence cut short
    assert ("Browsertrix): the way to backfill articles a portal has since removed."
            in listing.replace("warc- file", "warc-file"))


def test_a_command_added_later_by_another_module_is_listed() -> None:
    module = types.ModuleType("pressarchive.cli.extra_for_test")
    sys.modules[module.__name__] = module

    def later() -> None:
        """A command from a module that names no group."""

    later.__module__ = module.__name__
    main.add_command(click.command(name="later")(later))
    try:
        text = CliRunner().invoke(main, ["--help"]).output
        assert "Other commands:\n  later  A command from a module that names no group." in text
        module.HELP_GROUP = "Research"
        text = CliRunner().invoke(main, ["--help"]).output
        research = text.split("Research:")[1].split("Profiles:")[0]
        assert "later" in research and "Other commands" not in text
    finally:
        del main.commands["later"]
        del sys.modules[module.__name__]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_shows_an_example(name: str) -> None:
    text = CliRunner().invoke(main, [name, "--help"], prog_name="pressarchive").output
    example = re.search(r"\n  Examples?:\n((?:    .*\n)+)", text)
    assert example, text
    assert all(line.strip().startswith("pressarchive ")
               for line in example.group(1).splitlines()), example.group(1)
    assert f"pressarchive {name}" in example.group(1)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    db = tmp_path_factory.mktemp("help") / "archive.db"
    with PortalServer(build_portal(8)) as server:
        done = run_cli("crawl", "dongthap", "--base-url", server.base_url, "--db", str(db),
                       *FAST)
    assert done.returncode == 0, done.stderr
    yield db


def json_of(*args: str) -> object:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_listing_commands_take_json(crawled: Path) -> None:
    db = ["--db", str(crawled)]
    runs = json_of("runs", "--json", *db)
    assert runs[0]["site"] == "dongthap" and runs[0]["new"] == 8
    assert runs[0]["options"]["base_url"].startswith("http://127.0.0.1")  # an object
    assert json_of("runs", "--errors", str(runs[0]["id"]), "--json", *db) == []
    stats = json_of("stats", "--json", *db)
    assert sum(m["articles"] for m in stats["monthly"]) == 8
    assert stats["coverage"][0]["site"] == "dongthap" and stats["authors"]
    sites = json_of("sites", "--json")
    dongthap = next(s for s in sites if s["name"] == "dongthap")
    assert dongthap["base_url"] == HOME and dongthap["sections"]
    exported = run_cli("export", "--format", "jsonl", "-o", "-", *db).stdout.splitlines()
    url = json.loads(exported[0])["url"]
    history = json_of("history", url, "--json", *db)
    assert history["url"] == url and history["status"] == "live"
    assert len(history["versions"]) == 1 and history["versions"][0]["body"]


def test_progress_line_stays_on_one_row_of_80_columns(tmp_path: Path) -> None:
    with PortalServer(build_portal(40)) as server:
        code, _, seen = crawl_on_terminal(server.base_url, tmp_path / "p.db", columns=80)
    assert code == 0
    lines = [part for part in seen.decode("utf-8").split("\r\x1b[K") if part.strip()]
    assert len(lines) >= 2  # it ticked, in place
    for line in lines:
        assert "\n" not in line and len(line) < 80, repr(line)
    assert all(line.startswith("[dongthap] ") and " new · " in line for line in lines)

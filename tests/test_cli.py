"""The installed console script: pack commands, help, exit codes, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hitrun_quiz import __version__
from hitrun_quiz.errors import ExitStatus

from .conftest import MINI, ROOT, Run
from .test_packs import BROKEN


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"hitrun-quiz {__version__}\n"


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hitrun_quiz", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0 and result.stdout.startswith("hitrun-quiz ")


def test_no_command_without_a_terminal_prints_the_help(cli: Run) -> None:
    result = cli()
    assert result.returncode == 0
    assert "Usage: hitrun-quiz" in result.stdout
    for command in ("play", "packs", "scores"):
        assert command in result.stdout


COMMANDS_TESTED = [
    ["play"],
    ["daily"],
    ["packs"],
    ["packs", "list"],
    ["packs", "show"],
    ["packs", "validate"],
    ["packs", "add"],
    ["packs", "remove"],
    ["packs", "new"],
    ["packs", "export"],
    ["packs", "lint"],
    ["packs", "check"],
    ["packs", "format"],
    ["packs", "import"],
    ["packs", "schema"],
    ["scores"],
    ["scores", "reset"],
    ["league"],
    ["league", "init"],
    ["league", "grant"],
    ["league", "sync"],
    ["scores", "forget"],
    ["review"],
    ["stats"],
    ["history"],
    ["host"],
    ["join"],
]


@pytest.mark.parametrize("command", COMMANDS_TESTED, ids=" ".join)
def test_every_command_has_help_text_and_an_example(cli: Run, command: list[str]) -> None:
    result = cli(*command, "--help", COLUMNS="100")
    assert result.returncode == 0, result.stderr
    assert "Example: hitrun-quiz" in result.stdout
    assert "Usage:" in result.stdout


def test_the_command_list_above_is_complete() -> None:
    from hitrun_quiz.cli import COMMANDS, HIDDEN, load_command

    names: set[str] = set()
    for name in COMMANDS:
        if name in HIDDEN:
            continue
        command = load_command(name)
        names.add(name)
        names |= {f"{name} {sub}" for sub in getattr(command, "commands", {})}
    assert names == {" ".join(c) for c in COMMANDS_TESTED}


@pytest.mark.parametrize(
    "name", ["play", "daily", "review", "stats", "history", "packs", "scores", "league", "menu"]
)
def test_the_registry_summary_is_the_first_line_of_the_commands_help(name: str) -> None:
    from hitrun_quiz.cli import COMMANDS, load_command

    command = load_command(name)
    assert (command.help or "").splitlines()[0] == COMMANDS[name]


def test_root_help_imports_no_command_module() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from hitrun_quiz.cli import run; run(['--help']); "
        "print(sorted(m for m in sys.modules if m.startswith('hitrun_quiz.cli.')"
        " and m not in ('hitrun_quiz.cli.base', 'hitrun_quiz.cli.runtime')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_exit_status_values_are_the_documented_ones() -> None:
    assert {s.name: s.value for s in ExitStatus} == {
        "OK": 0,
        "CHECK_FAILED": 1,
        "USAGE": 2,
        "BAD_INPUT": 3,
        "STORE": 4,
        "INTERRUPTED": 130,
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in ExitStatus:
        assert f"| {status.value} |" in readme, f"exit code {status.value} not in the README"


# --------------------------------------------------------------------------- packs list/show


def test_packs_list_json(cli: Run) -> None:
    result = cli("packs", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    builtin = next(r for r in rows if r["id"] == "hit-and-run")
    assert builtin["origin"] == "builtin"
    assert builtin["questions"] >= 90
    assert len(builtin["categories"]) >= 6


def test_packs_list_plain(cli: Run) -> None:
    result = cli("packs", "list")
    assert result.returncode == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "Title", "Questions", "Categories", "Origin"]
    assert rows[0].startswith("hit-and-run  Hit & Run (2021)")
    assert rows[0].endswith("builtin")
    assert "\x1b" not in result.stdout


def test_packs_show_json_counts_add_up(cli: Run) -> None:
    result = cli("packs", "show", "hit-and-run", "--json")
    assert result.returncode == 0
    details = json.loads(result.stdout)
    for name in ("category", "difficulty", "type"):
        assert sum(details["counts"][name].values()) == details["questions"]
    assert set(details["counts"]["type"]) == {"choice", "truefalse", "text", "number"}


def test_packs_show_a_file_and_an_unknown_pack(cli: Run) -> None:
    result = cli("packs", "show", str(MINI))
    assert result.returncode == 0 and "Mini pack (mini" in result.stdout
    result = cli("packs", "show", "hit-and-rum")
    assert result.returncode == 2
    assert result.stderr == (
        "hitrun-quiz: no pack 'hit-and-rum'; did you mean 'hit-and-run'? "
        "(see: hitrun-quiz packs list)\n"
        "Try 'hitrun-quiz packs show --help'.\n"
    )


# --------------------------------------------------------------------------- validate


def test_validate_ok(cli: Run) -> None:
    result = cli("packs", "validate", str(MINI), "questions/hit-and-run.yaml")
    assert result.returncode == 0, result.stderr
    assert f"{MINI}: ok (mini, 4 questions)" in result.stdout


def test_validate_prints_every_problem_and_exits_1(cli: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BROKEN["duplicate question id"][0] + BROKEN["bad type"][0].split("questions:")[0]
    )
    result = cli("packs", "validate", str(MINI), str(bad))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bad}:11:9: duplicate question id 'q1'")
    assert lines[-1] == "hitrun-quiz: 1 of 2 files not valid"


def test_no_traceback_over_the_broken_corpus(cli: Run, tmp_path: Path) -> None:
    files = []
    for i, (text, _) in enumerate(BROKEN.values()):
        path = tmp_path / f"broken{i}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    extra = {
        "empty.yaml": b"",
        "latin1.yaml": b"id: caf\xe9\n",
        "list.yaml": b"- a\n",
        "nul.yaml": b"id: a\x00b\n",
        "bom.yaml": b"\xef\xbb\xbf- a\n",
    }
    for name, data in extra.items():
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    (tmp_path / "adir.yaml").mkdir()
    files += [str(tmp_path / "adir.yaml"), str(tmp_path / "missing.yaml")]
    result = cli("packs", "validate", *files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for f in files:
        assert any(line.startswith(f + ":") for line in result.stderr.splitlines()), f
    for line in result.stderr.splitlines()[:-1]:
        assert line.startswith(str(tmp_path)), line


# --------------------------------------------------------------------------- add/remove/new


def test_add_then_list_then_remove(cli: Run, home: Path) -> None:
    result = cli("packs", "add", str(MINI))
    assert result.returncode == 0, result.stderr
    installed = home / "packs" / "mini.yaml"
    assert installed.read_bytes() == MINI.read_bytes()
    rows = json.loads(cli("packs", "list", "--json").stdout)
    assert [(r["id"], r["origin"]) for r in rows] == [("hit-and-run", "builtin"), ("mini", "user")]
    assert cli("play", "--pack", "mini", "-n", "1", "--seed", "1", input="\n").returncode == 0

    again = cli("packs", "add", str(MINI))
    assert again.returncode == 2 and "already installed; use --force" in again.stderr
    assert cli("packs", "add", str(MINI), "--force").returncode == 0

    refused = cli("packs", "remove", "mini")
    assert refused.returncode == 2 and "add --yes" in refused.stderr
    assert installed.exists()
    removed = cli("packs", "remove", "mini", "--yes")
    assert removed.returncode == 0 and not installed.exists()


def test_add_writes_nothing_for_an_invalid_pack(cli: Run, home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN["empty text"][0])
    result = cli("packs", "add", str(bad))
    assert result.returncode == 3
    assert result.stderr.startswith(f"{bad}:8:13: the prompt of question 'q1' must not be empty")
    assert not (home / "packs").exists() or not any((home / "packs").iterdir())


def test_add_refuses_a_builtin_id(cli: Run, home: Path, tmp_path: Path) -> None:
    clash = tmp_path / "clash.yaml"
    clash.write_text(MINI.read_text().replace("id: mini", "id: hit-and-run", 1))
    result = cli("packs", "add", str(clash), "--force")
    assert result.returncode == 2 and "is a built-in pack" in result.stderr
    assert not (home / "packs" / "hit-and-run.yaml").exists()


def test_remove_refuses_builtin_and_unknown(cli: Run) -> None:
    result = cli("packs", "remove", "hit-and-run", "--yes")
    assert result.returncode == 2 and "built-in pack and cannot be removed" in result.stderr
    result = cli("packs", "remove", "nope", "--yes")
    assert result.returncode == 2 and "no user pack 'nope'" in result.stderr


def test_new_writes_a_template_that_validates(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "My Pack.yaml"
    result = cli("packs", "new", str(target))
    assert result.returncode == 0, result.stderr
    check = cli("packs", "validate", str(target))
    assert check.returncode == 0, check.stderr
    text = target.read_text()
    assert "id: my-pack" in text and text.count("\n#") >= 3
    again = cli("packs", "new", str(target))
    assert again.returncode == 2 and "already exists" in again.stderr


# --------------------------------------------------------------------------- export


def test_export_schema(cli: Run) -> None:
    result = cli("packs", "export", "hit-and-run", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "title", "version"} <= set(data["pack"])
    assert len(data["questions"]) >= 90
    for q in data["questions"]:
        assert {"id", "type", "category", "difficulty", "prompt", "answer", "accept"} <= set(q)
        assert {"explanation", "fact"} <= set(q)
        if q["type"] == "choice":
            assert q["answer"] in q["choices"] and 3 <= len(q["choices"]) <= 5
        else:
            assert "choices" not in q
        expected = {"choice": str, "text": str, "truefalse": bool, "number": (int, float)}
        assert isinstance(q["answer"], expected[q["type"]])
        assert set(q["fact"]) == {"id", "statement", "quote", "source", "quotes"}
        assert set(q["fact"]["source"]) == {"title", "publisher"}
        assert q["fact"]["quotes"][0] == {
            "quote": q["fact"]["quote"],
            "source": q["fact"]["source"],
        }


def test_export_of_a_pack_without_facts_gives_null(cli: Run, tmp_path: Path) -> None:
    pack = tmp_path / "nofacts.yaml"
    pack.write_text(BROKEN["duplicate key"][0].replace('    prompt: "again"\n', ""))
    data = json.loads(cli("packs", "export", str(pack), "--json").stdout)
    assert data["questions"][0]["fact"] is None


def test_export_is_json_by_default(cli: Run) -> None:
    # It used to insist on --json; JSON is now the default format, --json an alias.
    result = cli("packs", "export", "hit-and-run")
    assert result.returncode == 0
    assert result.stdout == cli("packs", "export", "hit-and-run", "--json").stdout
    bad = cli("packs", "export", "hit-and-run", "--format", "xml")
    assert bad.returncode == 2 and "xml" in bad.stderr


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["play", "--count", "0"], "--count"),
        (["play", "--difficulty", "extreme"], "extreme"),
        (["play", "--category", "casst"], "--category casst: no such category"),
        (["play", "--pack", "nope"], "no pack 'nope'"),
        (["nosuchcommand"], "nosuchcommand"),
    ],
)
def test_usage_errors_exit_2_without_traceback(cli: Run, args: list[str], message: str) -> None:
    result = cli(*args, input="")
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["play", "--pack", "missing.yaml"], "missing.yaml: no such file"),
        (["play", "--answers", "/nonexistent/answers.txt"], "--answers /nonexistent"),
    ],
)
def test_input_that_cannot_be_read_exits_3(cli: Run, args: list[str], message: str) -> None:
    result = cli(*args, input="")
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_read_only_commands_write_nothing_but_the_pack_cache(cli: Run, home: Path) -> None:
    for args in (["packs", "list"], ["packs", "show", "hit-and-run"], ["scores", "--json"]):
        assert cli(*args).returncode == 0
    assert sorted(p.name for p in home.iterdir()) == ["cache"]


def test_home_env_is_honoured_for_user_packs(cli: Run, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    assert cli("packs", "add", str(MINI), HITRUN_QUIZ_HOME=str(other)).returncode == 0
    assert (other / "packs" / "mini.yaml").is_file()
    assert os.environ["HITRUN_QUIZ_HOME"] != str(other)

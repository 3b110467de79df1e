"""Hot-seat: `play --players`, players taking turns on one terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hitrun_quiz.app.hotseat import HotSeat, parse_players
from hitrun_quiz.app.rounds import RoundSetup

from .conftest import Run
from .test_room import tf_pack


def test_the_deal_gives_each_player_their_own_questions_in_turn() -> None:
    game = HotSeat.deal(RoundSetup((tf_pack(9),), count=3), ["Ann", "Bob", "Cy"], seed=4)
    ids = [[a.question.id for a in r.asked] for r in game.rounds]
    assert all(len(x) == 3 for x in ids)
    assert len({i for x in ids for i in x}) == 9  # nobody sees another's question first
    turns = [(i, a.number) for i, a in game.turns()]
    assert turns[:4] == [(0, 1), (1, 1), (2, 1), (0, 2)]
    again = HotSeat.deal(RoundSetup((tf_pack(9),), count=3), ["Ann", "Bob", "Cy"], seed=4)
    assert [[a.question.id for a in r.asked] for r in again.rounds] == ids


def test_names_are_cleaned_and_distinct() -> None:
    assert parse_players(" Ann , \x1b[2JBob,") == ["Ann", "Bob"]
    for bad in ("Ann", "Ann,ann", ",".join("abcdefghi")):
        try:
            parse_players(bad)
        except Exception as exc:
            assert type(exc).__name__ == "UsageError"
        else:
            raise AssertionError(bad)


def write_tf_pack(tmp_path: Path) -> Path:
    """Four true/false questions (answer: true) in a pack file."""
    from .test_room_net import TF_PACK

    facts = "".join(
        f'  - id: f{i}\n    statement: "F{i}."\n    source: s\n    quote: "Q{i}."\n'
        for i in range(4)
    )
    questions = "".join(
        f"  - id: q{i}\n    fact: f{i}\n    category: plot\n    difficulty: medium\n"
        f'    type: truefalse\n    prompt: "Statement {i}."\n    answer: true\n'
        for i in range(4)
    )
    pack = tmp_path / "tf.yaml"
    pack.write_text(TF_PACK.format(facts=facts, questions=questions), encoding="utf-8")
    return pack


def test_scripted_hot_seat_names_the_player_and_records_each_round(
    cli: Run, tmp_path: Path, home: Path
) -> None:
    pack = write_tf_pack(tmp_path)
    args = ("play", "--players", "Ann,Bob", "--count", "2", "--pack", str(pack), "--seed", "1")
    result = cli(*args, "--json", input="true\nfalse\ntrue\nfalse\n")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["event"] == "start" and events[0]["players"] == ["Ann", "Bob"]
    asked = [e["player"] for e in events if e["event"] == "question"]
    assert asked == ["Ann", "Bob", "Ann", "Bob"]
    summary = events[-1]
    assert summary["event"] == "summary"
    assert [(s["player"], s["correct"]) for s in summary["standings"]] == [("Ann", 2), ("Bob", 0)]
    assert summary["standings"][0]["board"] == "tf/2/untimed/party"
    assert summary["replay"] == "hitrun-quiz play --players Ann,Bob --seed 1"
    with sqlite3.connect(next(home.rglob("*.db"))) as conn:
        rows = conn.execute("SELECT player, correct, mode FROM rounds ORDER BY player").fetchall()
    assert rows == [("Ann", 2, "party"), ("Bob", 0, "party")]
    plain = cli(*args, input="true\n\n")
    assert plain.returncode == 0
    assert "Ann's turn" in plain.stdout and "Bob's turn" in plain.stdout
    assert "Game over:" in plain.stdout
    bad = cli("play", "--players", "Ann", "--json")
    assert bad.returncode == 2 and "--players needs 2 to 8 names" in bad.stderr


def test_hot_seat_on_a_terminal_says_whose_turn_and_ends_on_a_podium(tmp_path: Path) -> None:
    import os

    import pexpect

    from .conftest import SCRIPT

    pack = write_tf_pack(tmp_path)
    child = pexpect.spawn(
        str(SCRIPT),
        ["play", "--players", "Ann,Bob", "--count", "1", "--pack", str(pack), "--seed", "2"],
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
        env={**os.environ, "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    try:
        for name in ("Ann", "Bob"):
            child.expect(f"{name}'s turn")
            child.expect("Your answer")
            child.send("t\r" if name == "Ann" else "f\r")
            child.expect("Press Enter")
            child.send("\r")
        child.expect("Podium")
        child.expect(r"1st\S*\s+\S*Ann")
        child.expect("Play this game again")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        child.close(force=True)


def test_the_menu_entry_plays_together_on_this_terminal() -> None:
    import os

    import pexpect

    from .conftest import SCRIPT

    child = pexpect.spawn(
        str(SCRIPT),
        [],
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        env={**os.environ, "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    try:
        child.expect("Play together on this terminal")
        child.send("t")  # one key opens it
        for shown in ("(hit-and-run)", "none ticked means all", "Hard", "Blitz: as many"):
            child.expect_exact(shown)
            child.send("\r")
        child.expect("Number of questions:")
        child.send("1\r")
        child.expect("Seconds for each question:")
        child.send("\r")
        child.expect("Players, separated by commas:")
        child.send("Ann,Bob\r")
        child.expect("Ann's turn")
        child.expect("Your answer")
        child.send("\x03")  # Ctrl-C: the game is abandoned, back to the menu
        child.expect("Game abandoned: nothing recorded")
        child.expect("7\\) Quit")
        child.send("q\r")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        child.close(force=True)

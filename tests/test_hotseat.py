"""Hot-seat: `play --players`, players taking turns on one terminal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hitrun_quiz.app.hotseat import HotSeat, parse_players
from hitrun_quiz.app.rounds import RoundSetup
from hitrun_quiz.game.events import Reply

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


def test_survival_deals_the_whole_pool_and_skips_a_knocked_out_player() -> None:
    game = HotSeat.deal(RoundSetup((tf_pack(12),), mode="survival"), ["Ann", "Bob"], seed=4)
    assert [len(r.asked) for r in game.rounds] == [6, 6]
    turns = game.turns()
    played = []
    for i, asked in turns:  # Bob wrong every time: out after his third; Ann always right
        played.append(i)
        rnd = game.rounds[i]
        rnd.judge(asked, Reply.answer("true" if i == 0 else "false", 1.0))
    assert played == [0, 1, 0, 1, 0, 1]  # the game ends with the turn that leaves one standing
    assert game.knocked_out(1) and not game.knocked_out(0)
    rows = game.standings()
    assert [(r["player"], r["correct"], r["lives"], r["out"]) for r in rows] == [
        ("Ann", 3, 3, False), ("Bob", 0, 0, True),
    ]  # fmt: skip
    assert all(r.finish().finished for r in game.rounds)
    assert game.replay().endswith("--mode survival --seed 4")


def test_survival_a_player_out_early_waits_while_the_others_play_on() -> None:
    game = HotSeat.deal(RoundSetup((tf_pack(12),), mode="survival"), ["Ann", "Bob", "Cy"], seed=4)
    played = []
    for i, asked in game.turns():  # Cy out after 3 turns; Ann and Bob right to the end
        played.append(i)
        game.rounds[i].judge(asked, Reply.answer("false" if i == 2 else "true", 1.0))
    assert played == [0, 1, 2] * 3 + [0, 1]  # Cy's turn skipped: the pool (4 each) runs out
    assert [r["player"] for r in game.standings()][:2] == ["Ann", "Bob"]


def test_hot_seat_refuses_a_ladder_and_blitz_saying_why(cli: Run) -> None:
    for mode, why in (("ladder", "one player's climb"), ("blitz", "one running clock")):
        bad = cli("play", "--players", "Ann,Bob", "--mode", mode, "--json")
        assert bad.returncode == 2, bad.stderr
        assert f"--mode {mode} does not go with --players" in bad.stderr and why in bad.stderr
        assert "Traceback" not in bad.stderr


def test_scripted_hot_seat_survival_with_lifelines(cli: Run, tmp_path: Path, home: Path) -> None:
    pack = write_tf_pack(tmp_path)
    args = ("play", "--players", "Ann,Bob", "--mode", "survival", "--pack", str(pack))
    # Ann: ?50 (refused: true/false), then right; Bob: ?skip (no life lost); Ann: wrong;
    # Bob: ?skip again (used up), then wrong
    answers = "?50\ntrue\n?skip\nfalse\n?skip\nfalse\n"
    result = cli(*args, "--seed", "1", "--json", input=answers)
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    used = [(e["player"], e["lifeline"], e["used"]) for e in events if e["event"] == "lifeline"]
    assert used == [("Ann", "50", False), ("Bob", "skip", True), ("Bob", "skip", False)]
    asked = [(e["player"], e.get("again", False)) for e in events if e["event"] == "question"]
    assert asked == [
        ("Ann", False), ("Ann", True), ("Bob", False), ("Ann", False), ("Bob", False),
        ("Bob", True),
    ]  # fmt: skip
    results = [e for e in events if e["event"] == "result"]
    assert [(r["player"], r["outcome"], r["status"]["lives"]) for r in results] == [
        ("Ann", "correct", 3), ("Bob", "skipped", 3), ("Ann", "wrong", 2), ("Bob", "wrong", 2),
    ]  # fmt: skip
    assert results[1]["lifelines"] == ["skip"]
    summary = events[-1]
    assert summary["replay"] == "hitrun-quiz play --players Ann,Bob --mode survival --seed 1"
    assert [(s["player"], s["lives"]) for s in summary["standings"]] == [("Ann", 2), ("Bob", 2)]
    with sqlite3.connect(next(home.rglob("*.db"))) as conn:
        rows = conn.execute(
            "SELECT r.player, x.position, x.lifelines FROM results x JOIN rounds r"
            " ON r.id = x.round_id WHERE x.lifelines IS NOT NULL"
        ).fetchall()
    assert rows == [("Bob", 0, "skip")]
    plain = cli(*args, "--seed", "1", input="?hint\n")
    assert plain.returncode == 0
    assert "Ann's turn" in plain.stdout and plain.stdout.count("Ann's turn") == 1
    assert "Refused: a hint is only for a text or number question" in plain.stdout


def test_hot_seat_survival_on_a_terminal_with_the_skip_key(tmp_path: Path) -> None:
    import os

    import pexpect

    from .conftest import SCRIPT

    pack = write_tf_pack(tmp_path)
    child = pexpect.spawn(
        str(SCRIPT),
        ["play", "--players", "Ann,Bob", "--mode", "survival", "--pack", str(pack), "--seed", "2"],
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
        env={**os.environ, "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )
    try:
        child.expect("Ann's turn")
        child.expect("Your answer")
        child.expect(r"P\) lifeline skip")
        child.send("p\r")  # Ann's skip lifeline: passed, no life lost
        child.expect("passed, streak kept")
        child.expect("Press Enter")
        child.send("\r")
        for name, key in (("Bob", "f"), ("Ann", "t"), ("Bob", "f")):
            child.expect(f"{name}'s turn")
            child.expect("Your answer")
            child.expect("False")
            child.send(f"{key}\r")
            child.expect("Press Enter")
            # Ann used her skip: no P key any more; Bob still has his
            assert ("lifeline skip" in child.before) == (name == "Bob"), child.before
            child.send("\r")
        child.expect("Podium")
        child.expect(r"1st\S*\s+\S*Ann")
        child.expect("Lives")  # the standings' lives column
        child.expect("Play this game again: hitrun-quiz play --players Ann,Bob --mode survival")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        child.close(force=True)

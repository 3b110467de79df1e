"""Lifelines in a room over real sockets on 127.0.0.1: `host` and a scripted `join`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from .test_room_net import TF_PACK, host, join
from .test_room_page import browser, page  # noqa: F401 - fixtures (a headless Chromium)


@pytest.fixture
def choice_pack(tmp_path: Path) -> Path:
    facts = "".join(
        f'  - id: f{i}\n    statement: "Fact {i}."\n    source: s\n    quote: "Quote {i}."\n'
        for i in range(2)
    )
    questions = "".join(
        f"  - id: q{i}\n    fact: f{i}\n    category: cast\n    difficulty: medium\n"
        f'    type: choice\n    prompt: "Who plays lead {i}?"\n    answer: "Lior Raz"\n'
        f'    choices: ["Lior Raz", "Moran Rosenblatt", "Sofia Pettersson", "Yossi Marshek"]\n'
        for i in range(2)
    )
    path = tmp_path / "cast.yaml"
    text = TF_PACK.format(facts=facts, questions=questions).replace("id: tf", "id: cast", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scripted_player_uses_lifelines_in_a_room(choice_pack: Path, home: Path) -> None:
    h, room = host(choice_pack, "--count", "2", "--time-limit", "10", "--pause", "0.2",
                   "--wait-for", "1")  # fmt: skip
    try:
        # question 1: 50:50, then a hint (refused: a choice question), then the answer;
        # question 2: 50:50 again (refused: used up), then skip
        ann = join(room, "Ann", "?50\n?hint\nLior Raz\n?50\n?skip\n")
        rc, events, err = ann.finish()
        assert rc == 0, err
        lifelines = [e for e in events if e["event"] == "lifeline"]
        assert [(e["number"], e["lifeline"], e["used"]) for e in lifelines] == [
            (1, "50", True), (1, "hint", False), (2, "50", False), (2, "skip", True),
        ]  # fmt: skip
        fifty = lifelines[0]
        assert len(fifty["removed"]) == 2 and "Lior Raz" not in fifty["removed"]
        assert fifty["left"] == ["hint", "skip"] and lifelines[-1]["left"] == ["hint"]
        assert "used up" in lifelines[2]["message"]
        questions = [e for e in events if e["event"] == "question"]
        # each lifeline answered asks the same question again, a 50:50's options hidden
        assert [q["number"] for q in questions] == [1, 1, 1, 2, 2]
        assert questions[1]["again"] and questions[1]["hidden"] == fifty["hidden"]
        assert questions[0]["lifelines"] == ["50", "hint", "skip"]
        results = [e for e in events if e["event"] == "result"]
        assert [(r["outcome"], r["lifelines"]) for r in results] == [
            ("correct", ["50"]), ("skipped", ["skip"]),
        ]  # fmt: skip
        assert results[1]["streak"] == 1  # the skip lifeline keeps the streak
        assert events[-1]["lifelines"] == [{"number": 1, "lifeline": "50"},
                                          {"number": 2, "lifeline": "skip"}]  # fmt: skip
        rc, host_events, _ = h.finish()
        assert rc == 0
        used = [(e["player"], e["lifeline"]) for e in host_events if e["event"] == "lifeline"]
        assert used == [("Ann", "50"), ("Ann", "skip")]
        db = next(home.rglob("*.db"))
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT position, lifelines FROM results ORDER BY position")
            assert rows.fetchall() == [(0, "50"), (1, "skip")]
    finally:
        h.kill()


def test_a_terminal_player_takes_lifelines_with_plays_keys(choice_pack: Path) -> None:
    import os

    import pexpect

    from .conftest import SCRIPT

    h, room = host(choice_pack, "--count", "2", "--time-limit", "15", "--pause", "0.3",
                   "--wait-for", "1")  # fmt: skip
    child = pexpect.spawn(
        str(SCRIPT),
        ["join", f"127.0.0.1:{room['port']}", "--code", room["code"], "--name", "Pty"],
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
        env={**os.environ, "NO_COLOR": "1", "PROMPT_TOOLKIT_NO_CPR": "1"},
    )

    def press(key: str, then: str) -> None:
        """A key moves the pointer (or answers at once): Enter if nothing happened."""
        child.expect("Time left")  # the prompt takes keys (those typed before are dropped)
        child.send(key)
        try:
            child.expect(then, timeout=1.5)
        except pexpect.TIMEOUT:
            child.send("\r")
            child.expect(then)

    try:
        child.expect("Question 1/2")
        child.expect("Your answer")
        child.expect("X\\) lifeline 50:50")
        press("x", "Lifeline 50:50 took away")  # 50:50, as in `play`
        child.expect("Question 1/2")  # asked again, two options left, no X any more
        child.expect("Your answer")
        child.expect("P\\) lifeline skip")
        assert "X) lifeline" not in child.before
        press("s", "Skipped")  # a plain skip
        child.expect("Question 2/2")
        child.expect("Your answer")
        child.expect("P\\) lifeline skip")
        press("p", "passed, streak kept")  # the skip lifeline
        child.expect("Play this round alone")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert h.finish()[0] == 0
    finally:
        child.close(force=True)
        h.kill()


def test_a_phone_uses_lifeline_buttons(page, choice_pack: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    h, room = host(choice_pack, "--count", "2", "--time-limit", "10", "--pause", "0.5",
                   "--wait-for", "1")  # fmt: skip
    try:
        page.set_default_timeout(15000)
        page.goto(f"{room['url']}?code={room['code']}")
        page.fill("#name", "Phone")
        page.click("#join")
        page.wait_for_selector("#meta:has-text('Question 1/2')")
        # only the lifelines that fit: no hint for a choice question
        assert page.locator("#lifelines button").all_inner_texts() == ["50:50", "Skip"]
        page.click("#lifelines button:has-text('50:50')")
        page.wait_for_selector("#lifelines button:has-text('50:50')", state="detached")
        shown = page.locator("#choices button:visible").all_inner_texts()
        assert len(shown) == 2 and "Lior Raz" in shown  # never the right one taken away
        page.click("#choices button:has-text('Lior Raz')")
        page.wait_for_selector("#verdict:has-text('Correct!')")
        page.wait_for_selector("#meta:has-text('Question 2/2')")
        assert page.locator("#lifelines button").all_inner_texts() == ["Skip"]  # used: gone
        page.click("#lifelines button:has-text('Skip')")
        page.wait_for_selector("#verdict:has-text('Skipped')")
        rc, events, _ = h.finish()
        assert rc == 0
        used = [(e["player"], e["lifeline"]) for e in events if e["event"] == "lifeline"]
        assert used == [("Phone", "50"), ("Phone", "skip")]
    finally:
        h.kill()

"""The room's terminal screens, rendered with a fixed-width recording console."""

from __future__ import annotations

from rich.console import Console

from hitrun_quiz.ui.room_join import State, plain
from hitrun_quiz.ui.room_screen import HostScreen, TerminalView

from .test_room import make_room


def console() -> Console:
    return Console(record=True, width=80, color_system=None, force_terminal=False)


def test_the_host_screen_from_lobby_to_podium() -> None:
    room, clock = make_room(n=1)
    con = console()
    screen = HostScreen(room, con)
    url = "http://127.0.0.1:4000/"
    room_event = {"event": "room", "code": "ABCDE", "port": 4000, "url": url, "join": "j"}
    screen.event(room_event)
    assert screen.live is not None
    screen.live.stop()  # render by hand from here
    screen.live = None
    ann = room.join("ABCDE", "[red]Ann\x1b[2J")
    room.join("ABCDE", "Bob")
    for out in room.drain():
        if out.target == "host":
            screen.event(out.message)
    con.print(screen.render())
    lobby = con.export_text()
    assert "Room ABCDE" in lobby and url in lobby and "▀" in lobby  # the QR code
    assert "2 in: [red]Ann, Bob" in lobby and "\x1b" not in lobby
    room.start()
    clock.now += 5
    room.answer(ann.id, 1, "true")
    for out in room.drain():
        if out.target == "host":
            screen.event(out.message)
            con.print(screen.render())
    text = con.export_text()
    assert "Question 1/1" in text and "15 s left · 0 of 2 answered" in text
    clock.now += 15
    room.tick()
    for out in room.drain():
        if out.target == "host":
            screen.event(out.message)
    con.print(screen.render())
    assert "The answer: True" in con.export_text()
    clock.now += 2
    room.tick()
    room.send_summaries({}, "replay")
    for out in room.drain():
        if out.target == "host":
            screen.event(out.message)
    screen.close()
    end = con.export_text()
    assert "Podium" in end and "1st  [red]Ann" in end and "2nd  Bob" in end


def test_a_joined_terminal_shows_plays_screens() -> None:
    room, clock = make_room(n=1)
    ann = room.join("ABCDE", "Ann")
    room.start()
    clock.now += 1
    room.answer(ann.id, 1, "true")
    room.send_summaries({}, "hitrun-quiz play --seed 7")
    con, state = console(), State()
    view = TerminalView(con, prompter=object())  # type: ignore[arg-type]
    lines = []
    for out in room.drain():
        if out.target in (ann.id, "all"):
            view.show(out.message, state)
            lines.append(plain(out.message, state))
    text = con.export_text()
    assert "You are in room ABCDE as Ann." in text
    assert "Question 1/1" in text and "Statement " in text
    assert "Correct!" in text and "Place 1 of 1" in text
    assert "Play this round alone: hitrun-quiz play --seed 7" in text
    joined = "\n".join(line for line in lines if line)
    assert "Correct! +195 points" in joined  # 200 x (1 - (1/20)/2) = 195
    assert "Round over: 195 points, 1 of 1 correct, place 1 of 1" in joined


def test_survival_and_blitz_on_the_host_screen_and_a_joined_terminal() -> None:
    from .test_room_modes import mode_room

    room, clock = mode_room("survival")
    con = console()
    screen = HostScreen(room, con)
    ann, bob = room.join("ABCDE", "Ann"), room.join("ABCDE", "Bob")
    room.start()
    view, state, lines = TerminalView(console(), prompter=object()), State(), []  # type: ignore[arg-type]
    for n in (1, 2, 3):
        room.answer(ann.id, n, "true")
        room.answer(bob.id, n, "false")
        for out in room.drain():
            if out.target == "host":
                screen.event(out.message)
            elif out.target in (bob.id, "all"):
                state.update(out.message)
                view.show(out.message, state)
                lines.append(plain(out.message, state))
        if n < 3:
            con.print(screen.render())
            clock.now += room.pause
            room.tick()
            for out in room.drain():
                if out.target == "host":
                    screen.event(out.message)
                    con.print(screen.render())
                elif out.target in (bob.id, "all"):
                    state.update(out.message)
                    view.show(out.message, state)
                    lines.append(plain(out.message, state))
    host = con.export_text()
    assert "Survival: 2 of 2 standing" in host and "Lives" in host
    con.print(screen.render())
    assert "Bob is out of lives" in con.export_text()
    assert state.out and state.lives == 0
    joined = "\n".join(line for line in lines if line)
    assert "Lives: 2 of 3 · 2 standing" in joined
    assert "You are out of lives: watching the rest of the round." in joined
    assert "You are out of lives" in view.console.export_text()

    room, clock = mode_room("blitz", seconds=30)
    con = console()
    screen = HostScreen(room, con)
    room.join("ABCDE", "Ann")
    room.start()
    for out in room.drain():
        if out.target == "host":
            screen.event(out.message)
    clock.now += 12
    con.print(screen.render())
    assert "Blitz: 18 s left on the room's clock" in con.export_text()


def test_a_joined_player_is_told_an_answer_that_is_no_option_as_solo_play_tells_it() -> None:
    """'B' to a true/false question: the same note as ``play`` prints, on stderr and on screen."""
    import io

    from hitrun_quiz.ui.room_join import ScriptView

    room, clock = make_room(n=1)
    ann = room.join("ABCDE", "Ann")
    room.start()
    clock.now += 1
    room.answer(ann.id, 1, "B")
    clock.now += 30
    room.tick()
    out, err = io.StringIO(), io.StringIO()
    script_view = ScriptView(io.StringIO(), out, err, json_lines=False)
    screen = TerminalView(console(), prompter=object())  # type: ignore[arg-type]
    state, screen_state = State(), State()
    for sent in room.drain():
        if sent.target in (ann.id, "all"):
            script_view.show(sent.message, state)
            screen.show(sent.message, screen_state)
    note = "'B' is not true or false (true/false, t/f, yes/no, y/n); counted as wrong"
    assert err.getvalue() == f"hitrun-quiz: {note}\n"
    assert "Wrong." in out.getvalue()
    assert "'B' is not true or false" in screen.console.export_text()


def test_a_tie_shares_its_place_on_the_podium() -> None:
    from rich.console import Console

    from hitrun_quiz.ui.room_screen import podium

    rows = [
        {"place": 1, "player": "Ann", "score": 304},
        {"place": 2, "player": "Bob", "score": 0},
        {"place": 2, "player": "Cy", "score": 0},
        {"place": 4, "player": "Dee", "score": -1},
    ]
    console = Console(record=True, width=40, color_system=None)
    console.print(podium(rows))
    text = console.export_text()
    assert "1st  Ann" in text and "2nd  Bob" in text and "2nd  Cy" in text
    assert "3rd" not in text and "Dee" not in text  # no one on a place the tie took

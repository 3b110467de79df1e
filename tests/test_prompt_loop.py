"""A Ctrl-C at any moment of a prompt never leaves an event loop for the garbage collector.

A SIGINT that arrived while prompt_toolkit's ``asyncio.run`` was building its
event loop left a half-built loop behind; when it was collected, its
``__del__`` printed "Exception ignored in: <function BaseEventLoop.__del__>"
and a traceback on the player's terminal.
"""

from __future__ import annotations

import gc
import selectors
import signal
import sys
import time
import warnings
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from hitrun_quiz.ui.prompts import Option, QuestionaryPrompter

OPTIONS = [Option("A) one", "a", ("a",)), Option("B) two", "b", ("b",))]


def _ask(deadline: float | None) -> str | None:
    with create_pipe_input() as pipe:
        pipe.send_text("b")
        prompter = QuestionaryPrompter(input=pipe, output=DummyOutput())
        return prompter.choose("Which?", OPTIONS, deadline=deadline)


@pytest.mark.parametrize("timed", [False, True], ids=["untimed", "timed"])
@pytest.mark.parametrize("when", ["building", "closing"])
def test_ctrl_c_while_the_loop_is_built_or_closed_leaves_no_loop(
    monkeypatch: pytest.MonkeyPatch, timed: bool, when: str
) -> None:
    """A real SIGINT while the loop is made (or closed): KeyboardInterrupt, nothing left."""
    real = selectors.DefaultSelector

    class InterruptedSelector(real):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__()
            if when == "building":
                signal.raise_signal(signal.SIGINT)  # the loop is half built

        def close(self) -> None:
            if when == "closing":
                signal.raise_signal(signal.SIGINT)  # the loop is half closed
            super().close()

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    monkeypatch.setattr(selectors, "DefaultSelector", InterruptedSelector)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(KeyboardInterrupt):
            _ask(time.monotonic() + 30 if timed else None)
        monkeypatch.undo()
        gc.collect()
    assert [repr(u.exc_value) for u in unraisable] == []
    assert [str(w.message) for w in caught if "unclosed" in str(w.message)] == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_prompt_still_answers_and_closes_its_loop() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _ask(None) == "b"
        assert _ask(time.monotonic() + 30) == "b"
        gc.collect()
    assert [str(w.message) for w in caught if "unclosed" in str(w.message)] == []

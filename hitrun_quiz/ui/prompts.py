"""Prompts: what the terminal frontend reads from a player.

:class:`Prompter` is the interface; :class:`QuestionaryPrompter` draws the
prompts with questionary's public functions, both libraries imported inside
its methods, right before a prompt is shown, so ``--help``, ``--version``,
scripted rounds and ``scores --json`` never pay for them; what it needs of
their internals goes through :mod:`hitrun_quiz.ui.promptkit`, the one adapter.
Titles are handed to prompt_toolkit as plain strings, so pack text is shown
exactly as written.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Console

from hitrun_quiz.ui import promptkit

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

# --------------------------------------------------------------------------- prompts


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a select prompt: its title (shown literally), value and shortcut keys."""

    title: str
    value: str
    keys: tuple[str, ...] = ()


class Prompter(Protocol):
    """What the frontend needs to read from a player.

    Every method raises KeyboardInterrupt (Ctrl-C) or EOFError (Ctrl-D) when
    the player gives up; ``deadline`` (a ``clock()`` value) closes the prompt
    and returns None.
    """

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        *,
        instruction: str | None = None,
        deadline: float | None = None,
        skip_key: str | None = None,
    ) -> str | None:
        """The value of the option chosen; "" when ``skip_key`` was pressed."""
        ...

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        deadline: float | None = None,
    ) -> str | None: ...

    def confirm(self, message: str, *, default: bool = False) -> bool: ...

    def pause(self, message: str) -> None:
        """Wait for Enter; keys typed before it are thrown away."""
        ...


def colour_wanted(console: Console | None = None) -> bool:
    """False under NO_COLOR (or --no-color), TERM=dumb, or a console without colours."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if console is not None:
        return not console.no_color and console.color_system is not None
    return True


class QuestionaryPrompter:
    """Prompts drawn by questionary on prompt_toolkit (both imported on first use).

    ``input``/``output`` are prompt_toolkit objects (tests pass a pipe input and
    a dummy output); ``clock`` is the clock deadlines are measured on.
    """

    def __init__(
        self,
        *,
        colour: bool = True,
        input: Any = None,
        output: Any = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.colour = colour
        self.input = input
        self.output = output
        self.clock = clock

    def prepare(self) -> None:
        """Import the prompt libraries now, so the first question's clock does not pay for it."""
        import questionary  # noqa: F401

    def _kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"erase_when_done": True}
        if self.input is not None:
            kwargs["input"] = self.input
        if self.output is not None:
            kwargs["output"] = self.output
        if not self.colour:
            kwargs["color_depth"] = promptkit.one_bit_colour()
        return kwargs

    def flush_input(self) -> None:
        """Throw away keys typed ahead (in the terminal and in prompt_toolkit's buffer)."""
        promptkit.clear_typeahead(self.input)

    def pause(self, message: str) -> None:
        app = promptkit.pause_app(message, self._kwargs())
        self.flush_input()
        self._run(app, None)

    def choose(
        self,
        message: str,
        options: Sequence[Option],
        *,
        instruction: str | None = None,
        deadline: float | None = None,
        skip_key: str | None = None,
        default: str | None = None,
    ) -> str | None:
        """One option: arrows and Enter, or one press of an option's key (no Enter)."""
        import questionary

        question = questionary.select(
            message,
            # Plain strings: prompt_toolkit shows them as they are (no HTML, no markup).
            choices=[questionary.Choice(title=_hang(o.title), value=o.value) for o in options],
            instruction=instruction,
            use_jk_keys=False,
            **self._kwargs(),
        )
        app = question.application
        control = promptkit.select_control(app)
        if default is not None:
            index = next((i for i, o in enumerate(options) if o.value == default), None)
            if index is not None:
                promptkit.point_at(control, index)

        def answer(index: int) -> Callable[[Any], None]:
            def handler(event: Any) -> None:
                promptkit.point_at(control, index)
                promptkit.finish(event.app, options[index].value)

            return handler

        bindings = [
            (key, answer(index)) for index, o in enumerate(options) for key in _key_variants(o.keys)
        ]
        if skip_key:

            def skip(event: Any) -> None:
                promptkit.finish(event.app, "")

            bindings += [(key, skip) for key in _key_variants((skip_key,))]
        self.flush_input()
        chosen: str | None = self._run(app, deadline, bindings)
        return chosen

    def text(
        self,
        message: str,
        *,
        default: str = "",
        instruction: str | None = None,
        validate: Callable[[str], bool | str] | None = None,
        deadline: float | None = None,
    ) -> str | None:
        import questionary

        question = questionary.text(
            message, default=default, instruction=instruction, validate=validate, **self._kwargs()
        )
        self.flush_input()
        typed: str | None = self._run(question.application, deadline)
        return typed

    def pick_many(
        self, message: str, options: Sequence[Option], *, checked: Sequence[str] = ()
    ) -> list[str]:
        """Several options (space ticks one, Enter accepts); none ticked is an empty list."""
        import questionary

        question = questionary.checkbox(
            message,
            choices=[
                questionary.Choice(title=o.title, value=o.value, checked=o.value in checked)
                for o in options
            ],
            instruction="(space ticks, Enter accepts; none ticked means all)",
            **self._kwargs(),
        )
        self.flush_input()
        return list(self._run(question.application, None) or [])

    def confirm(self, message: str, *, default: bool = False) -> bool:
        import questionary

        kwargs = self._kwargs()
        kwargs.pop("erase_when_done")  # keep "? Question Yes/No" on screen
        question = questionary.confirm(message, default=default, **kwargs)
        return bool(self._run(question.application, None))

    def _run(
        self,
        app: Any,
        deadline: float | None,
        bindings: Sequence[tuple[str, Callable[[Any], None]]] = (),
    ) -> str | None:
        """Run a questionary application; Ctrl-C/Ctrl-D raise; a deadline returns None."""

        promptkit.add_keys(app, bindings)
        if deadline is None:
            answer: str | None = app.run()
            return answer

        clock = self.clock

        def countdown() -> StyleAndTextTuples:
            left = max(0, int(deadline - clock() + 0.999))
            return [("class:instruction", f"Time left: {left} s")]

        promptkit.add_status_line(app, countdown)

        async def tick() -> None:
            while True:
                left = deadline - clock()
                if left <= 0:
                    promptkit.finish(app, None)  # None: out of time
                    return
                app.invalidate()
                # Wake at the next whole second of the countdown.
                await asyncio.sleep(min(left, (left % 1) or 1.0) + 0.001)

        timed: str | None = app.run(pre_run=lambda: app.create_background_task(tick()))
        return timed


def _hang(title: str) -> str:
    """An option's title wrapped to the terminal, continuation lines indented under its text.

    prompt_toolkit would wrap a long option back to the first column, under
    the pointer; "A) " style labels are kept on the first line.
    """

    width = shutil.get_terminal_size((80, 24)).columns
    label = title[:3] if title[1:3] == ") " else ""
    indent = " " * len(label)
    room = width - 3 - len(label) - 1  # questionary draws " » " before each option
    if room < 10 or len(title) - len(label) <= room:
        return title
    lines = textwrap.wrap(title[len(label) :], room, break_on_hyphens=False)
    return label + f"\n   {indent}".join(lines)


def _key_variants(keys: Sequence[str]) -> list[str]:
    """Each shortcut key, plus its upper case for letters ("a" and "A")."""
    out: list[str] = []
    for key in keys:
        for variant in (key.lower(), key.upper()):
            if variant not in out:
                out.append(variant)
    return out


def ask_confirm(question: str) -> bool:
    """A yes/no confirmation, default No; Ctrl-C or Ctrl-D means no."""
    try:
        return QuestionaryPrompter(colour=colour_wanted()).confirm(question, default=False)
    except (KeyboardInterrupt, EOFError):
        return False

"""The one adapter around questionary's and prompt_toolkit's internals.

:mod:`hitrun_quiz.ui.prompts` draws its prompts with questionary's public
functions (``select``, ``text``, ``checkbox``, ``confirm``) and needs a few
things neither library documents as public: the select prompt's
``InquirerControl`` and its ``pointed_at``, a question's ``application`` whose
``key_bindings`` and ``layout`` may be replaced, and prompt_toolkit's
``clear_typeahead``.  Everything that reaches into them is here, and
:func:`check` says in plain words what an upgrade broke; ``pyproject.toml``
caps ``questionary`` and ``prompt_toolkit`` below their next minor version,
and ``tests/test_terminal.py`` runs :func:`check` so a new version that
breaks one of these fails loudly there, not in a player's round.

Both libraries are imported inside the functions: ``--help``, ``--version``
and scripted rounds never pay for them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: The versions this adapter was written and tested against (see pyproject.toml).
SUPPORTED = "questionary >=2.0,<2.2 and prompt_toolkit >=3.0.36,<3.1"

Handler = Callable[[Any], None]


class PromptLibraryChanged(RuntimeError):
    """questionary or prompt_toolkit no longer has what this adapter relies on."""


def _changed(what: str) -> PromptLibraryChanged:
    import importlib.metadata as md

    found = ", ".join(f"{n} {md.version(n)}" for n in ("questionary", "prompt_toolkit"))
    return PromptLibraryChanged(
        f"{what} ({found} installed; hitrun-quiz supports {SUPPORTED}): "
        "reinstall hitrun-quiz to get the supported versions"
    )


# --------------------------------------------------------------------------- select prompts


def select_control(app: Any) -> Any:
    """The option list of a questionary ``select`` application, its long options wrapping.

    Raises PromptLibraryChanged when questionary no longer draws a select with
    an ``InquirerControl`` that has ``pointed_at``.
    """
    from prompt_toolkit.filters import to_filter

    try:
        from questionary.prompts.common import InquirerControl
    except ImportError:
        raise _changed("questionary.prompts.common.InquirerControl is gone") from None
    control = None
    for window in app.layout.find_all_windows():
        if isinstance(window.content, InquirerControl):
            control = window.content
            window.wrap_lines = to_filter(True)  # long options wrap on a narrow terminal
    if control is None or not isinstance(getattr(control, "pointed_at", None), int):
        raise _changed("a select prompt has no InquirerControl with pointed_at")
    return control


def point_at(control: Any, index: int) -> None:
    """Move the select prompt's pointer to option ``index``."""
    control.pointed_at = index


def finish(app: Any, result: Any) -> None:
    """End a running prompt with ``result``, unless it is already ending (a key that
    arrives as the time runs out must not end it twice: prompt_toolkit would raise)."""
    future = getattr(app, "future", None)
    if future is not None and not future.done():
        app.exit(result=result)


def add_keys(app: Any, bindings: Sequence[tuple[str, Handler]]) -> None:
    """Add eager key bindings to a questionary application, with Ctrl-C raising
    KeyboardInterrupt and Ctrl-D raising EOFError (questionary's own ``.ask()``
    would swallow Ctrl-C)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    kb = KeyBindings()

    @kb.add("c-c", eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @kb.add("c-d", eager=True)
    def _eof(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    for key, handler in bindings:
        kb.add(key, eager=True)(handler)
    app.key_bindings = merge_key_bindings([b for b in (app.key_bindings, kb) if b])


def add_status_line(app: Any, fragments: Callable[[], Any]) -> None:
    """A line under the prompt (a countdown), redrawn on ``app.invalidate()``,
    gone once the prompt is answered."""
    from prompt_toolkit.filters import is_done
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    old = app.layout
    app.layout = Layout(
        HSplit(
            [
                old.container,
                ConditionalContainer(
                    Window(FormattedTextControl(fragments), height=1), filter=~is_done
                ),
            ]
        ),
        focused_element=old.current_window,
    )


def pause_app(message: str, kwargs: dict[str, Any]) -> Any:
    """A one-line application that waits for Enter and throws every other key away."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.layout import Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    kb = KeyBindings()

    @kb.add("enter", eager=True)
    def _go_on(event: Any) -> None:
        event.app.exit(result=None)

    @kb.add("<any>")
    def _ignore(_event: Any) -> None:
        """Any other key is thrown away."""

    return Application(
        layout=Layout(Window(FormattedTextControl([("", message)]), height=1)),
        key_bindings=kb,
        **kwargs,
    )


def clear_typeahead(prompt_input: Any | None) -> None:
    """Throw away keys typed ahead: in ``prompt_input`` (tests), else in the terminal
    and in prompt_toolkit's own buffer."""
    import sys

    from prompt_toolkit.input.typeahead import clear_typeahead as clear

    if prompt_input is not None:
        clear(prompt_input)
        return
    try:
        import termios

        if sys.stdin.isatty():
            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
            from prompt_toolkit.input.defaults import create_input

            clear(create_input())
    except (ImportError, OSError, ValueError, AttributeError):
        pass  # no terminal to flush


def one_bit_colour() -> Any:
    """prompt_toolkit's colour depth for no colours."""
    from prompt_toolkit.output import ColorDepth

    return ColorDepth.DEPTH_1_BIT


# --------------------------------------------------------------------------- the check


def check() -> list[str]:
    """What this adapter relies on and the installed libraries no longer have (empty: all
    there). Builds each prompt on a dummy input and output; shows nothing."""
    problems: list[str] = []
    try:
        import questionary
        from prompt_toolkit.input import create_pipe_input
        from prompt_toolkit.output import DummyOutput
    except ImportError as exc:
        return [f"cannot import the prompt libraries: {exc}"]
    with create_pipe_input() as pipe:
        io: dict[str, Any] = {"input": pipe, "output": DummyOutput()}
        try:
            question = questionary.select("q", choices=["a", "b"], **io)
            control = select_control(question.application)
            point_at(control, 1)
            if control.get_pointed_at().value != "b":
                problems.append("InquirerControl.pointed_at no longer moves the pointer")
        except PromptLibraryChanged as exc:
            problems.append(str(exc))
        except AttributeError as exc:
            problems.append(f"a select question changed: {exc}")
        makers: list[tuple[str, Callable[[], Any]]] = [
            ("text", lambda: questionary.text("q", **io)),
            ("checkbox", lambda: questionary.checkbox("q", choices=["a"], **io)),
            ("confirm", lambda: questionary.confirm("q", **io)),
        ]
        for name, make in makers:
            try:
                app = make().application
                add_keys(app, [("x", lambda _e: None)])
                add_status_line(app, lambda: [("", "t")])
            except (AttributeError, TypeError) as exc:
                problems.append(f"questionary.{name}(...).application changed: {exc}")
        try:
            pause_app("p", io)
            clear_typeahead(pipe)
            one_bit_colour()
        except (ImportError, AttributeError, TypeError) as exc:
            problems.append(f"prompt_toolkit changed: {exc}")
    return problems

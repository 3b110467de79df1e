"""The ``hitrun-quiz`` command line: parse, call the core, render, map errors to exit codes.

Kept thin: every decision about packs, rounds and scores lives in the core
modules; this file only wires options to them.  Heavy or optional imports
(Rich screens, questionary, the YAML loader) happen inside the commands that
need them, so ``--help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import json
import sys
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from hitrun_quiz import __version__
from hitrun_quiz.errors import ExitStatus, PackError, QuizError, UsageError

if TYPE_CHECKING:
    from hitrun_quiz.model import Pack

app = typer.Typer(
    name="hitrun-quiz",
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
packs_app = typer.Typer(
    help="List, inspect, validate, add and remove question packs.\n\n"
    "Example: hitrun-quiz packs list",
    no_args_is_help=True,
)
scores_app = typer.Typer(
    help="Show the high-score table (top 10), or reset it.\n\n"
    "Example: hitrun-quiz scores --limit 5",
    invoke_without_command=True,
)
app.add_typer(packs_app, name="packs")
app.add_typer(scores_app, name="scores")


class DifficultyOpt(str, Enum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class TypeOpt(str, Enum):
    choice = "choice"
    truefalse = "truefalse"
    text = "text"
    number = "number"


# --------------------------------------------------------------------------- helpers


def fail(message: str, status: ExitStatus = ExitStatus.FAILURE) -> NoReturn:
    """One line on stderr, then exit."""
    print(f"hitrun-quiz: {message}", file=sys.stderr)
    raise typer.Exit(int(status))


def echo_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def interactive_terminal() -> bool:
    """Prompts only when both ends are a terminal: never start one on a pipe."""
    return is_tty(sys.stdin) and is_tty(sys.stdout)


def confirm(question: str, yes: bool) -> bool:
    """Ask for confirmation; without a terminal refuse unless --yes was given."""
    if yes:
        return True
    if not interactive_terminal():
        fail(f"{question} Refusing without a terminal; add --yes to confirm.", ExitStatus.USAGE)
    from hitrun_quiz.ui.terminal import ask_confirm

    return ask_confirm(question)


def version_callback(value: bool) -> None:
    if value:
        print(f"hitrun-quiz {__version__}")
        raise typer.Exit()


# --------------------------------------------------------------------------- root


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """A terminal trivia game about the Netflix thriller Hit & Run (2021).

    Run with no command on a terminal for a menu.

    Example: hitrun-quiz play --count 5
    """
    if no_color:
        import os

        os.environ["NO_COLOR"] = "1"
    if ctx.invoked_subcommand is not None:
        return
    if not interactive_terminal():
        print(ctx.get_help())
        raise typer.Exit()
    from hitrun_quiz.ui.terminal import main_menu

    main_menu(ctx)


# --------------------------------------------------------------------------- play


@app.command()
def play(
    pack: Annotated[
        list[str] | None,
        typer.Option("--pack", "-p", help="Pack id or file (repeatable). Default: hit-and-run."),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="Questions a round.")] = 10,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Only this category (repeatable).")
    ] = None,
    difficulty: Annotated[
        list[DifficultyOpt] | None,
        typer.Option("--difficulty", "-d", help="Only this difficulty (repeatable)."),
    ] = None,
    qtype: Annotated[
        list[TypeOpt] | None, typer.Option("--type", "-t", help="Only this type (repeatable).")
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option("--seed", min=0, max=2**63 - 1, help="Replay a round: same seed, same round."),
    ] = None,
    time_limit: Annotated[
        float | None,
        typer.Option("--time-limit", min=1, help="Seconds a question; faster answers score more."),
    ] = None,
    player: Annotated[
        str | None, typer.Option("--player", help="Your name for the scores.")
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Scripted: read answers from FILE, one a line ('-' for stdin).",
        ),
    ] = None,
    json_lines: Annotated[
        bool, typer.Option("--json", help="Scripted: write JSON Lines events on stdout.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colours.")] = False,
) -> None:
    """Play a round.

    On a terminal the round is interactive.  When stdin is not a terminal, or
    with --answers, it is scripted: one answer a line (an empty line skips),
    each question written and flushed before its answer is read.

    Example: hitrun-quiz play --count 5 --category cast --seed 42
    """
    from hitrun_quiz.game import Filters, Round
    from hitrun_quiz.packs import DEFAULT_PACK, find_pack
    from hitrun_quiz.session import Recorder, default_player

    packs = [find_pack(ref) for ref in (pack or [DEFAULT_PACK])]
    if len({p.id for p in packs}) < len(packs):
        raise UsageError("--pack: the same pack is given twice")
    filters = Filters(
        categories=tuple(dict.fromkeys(category or ())),
        difficulties=tuple(dict.fromkeys(d.value for d in difficulty or ())),
        types=tuple(dict.fromkeys(t.value for t in qtype or ())),
    )

    def new_round(seed: int | None = seed) -> Round:
        return Round.create(packs, count=count, filters=filters, seed=seed, time_limit=time_limit)

    rnd = new_round()  # a filter that leaves nothing fails here, before any prompt
    recorder = Recorder()
    recorder.check()
    scripted = answers is not None or json_lines or not interactive_terminal()
    if not scripted:
        import os

        if no_color:
            os.environ["NO_COLOR"] = "1"
        from hitrun_quiz.ui.terminal import play_interactive

        raise typer.Exit(play_interactive(rnd, new_round, recorder, player=player))

    from hitrun_quiz.ui.script import ScriptFrontend

    if answers is None or answers == "-":
        source = sys.stdin
    else:
        try:
            source = open(answers, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise UsageError(f"--answers {answers}: {exc.strerror or exc}") from None
    frontend = ScriptFrontend(source, sys.stdout, sys.stderr, json_lines=json_lines)
    started_at = time.time()
    try:
        summary = rnd.play(frontend)
    except UnicodeDecodeError:
        raise UsageError(f"{answers or 'stdin'}: answers are not valid UTF-8") from None
    finally:
        if source is not sys.stdin:
            source.close()
    summary, _, warning = recorder.save(
        rnd, summary, player=player or default_player(), mode="scripted", started_at=started_at
    )
    if warning:
        frontend.note(warning)
    frontend.show(summary)


# --------------------------------------------------------------------------- packs


def _load_packs_for_listing() -> list[Pack]:
    from hitrun_quiz.packs import load_all

    def warn(exc: PackError) -> None:
        for problem in exc.problems:
            print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)

    return load_all(on_error=warn)


@packs_app.command("list")
def packs_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
) -> None:
    """List the built-in and user packs.

    Example: hitrun-quiz packs list --json
    """
    from hitrun_quiz.library import pack_summary

    rows = [pack_summary(p) for p in _load_packs_for_listing()]
    if as_json:
        echo_json(rows)
        return
    from hitrun_quiz.ui.tables import print_table

    print_table(
        ["ID", "Title", "Questions", "Categories", "Origin"],
        [
            [r["id"], r["title"], str(r["questions"]), ", ".join(r["categories"]), r["origin"]]
            for r in rows
        ],
        title="Question packs",
        numeric={2},
    )


@packs_app.command("show")
def packs_show(
    pack: Annotated[str, typer.Argument(help="Pack id or file.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Show a pack: its details and question counts by category, difficulty and type.

    Example: hitrun-quiz packs show hit-and-run
    """
    from hitrun_quiz.library import pack_details
    from hitrun_quiz.packs import find_pack

    details = pack_details(find_pack(pack))
    if as_json:
        echo_json(details)
        return
    from hitrun_quiz.ui.tables import print_details

    print_details(details)


@packs_app.command("validate")
def packs_validate(
    files: Annotated[list[Path], typer.Argument(help="Pack files to check.", show_default=False)],
) -> None:
    """Check pack files; print every problem as FILE:LINE:COL: message.

    Exit 0 when all are valid, 2 when any is not.

    Example: hitrun-quiz packs validate my-pack.yaml
    """
    from hitrun_quiz.packs import load_pack

    bad = 0
    for file in files:
        try:
            pack = load_pack(file, cache=False)
        except PackError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            print(f"{file}: ok ({pack.id}, {len(pack.questions)} questions)")
    if bad:
        fail(f"{bad} of {len(files)} file{'s' * (len(files) > 1)} not valid", ExitStatus.USAGE)


@packs_app.command("add")
def packs_add(
    file: Annotated[Path, typer.Argument(help="The pack file to install.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a user pack of the same id.")] = (
        False
    ),
) -> None:
    """Validate a pack and copy it into your pack dir.

    Nothing is written unless the pack is valid; a pack whose id is taken is
    refused unless --force is given.

    Example: hitrun-quiz packs add my-pack.yaml
    """
    from hitrun_quiz.library import add_pack

    pack, target, replaced = add_pack(file, force=force)
    verb = "Replaced" if replaced else "Added"
    print(f"{verb} pack '{pack.id}' ({len(pack.questions)} questions) at {target}")


@packs_app.command("remove")
def packs_remove(
    pack: Annotated[str, typer.Argument(help="Id of a user pack.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a user pack (built-in packs cannot be removed).

    Example: hitrun-quiz packs remove my-pack --yes
    """
    from hitrun_quiz.library import user_pack_path

    path = user_pack_path(pack)
    if not confirm(f"Remove pack '{pack}' ({path})?", yes):
        fail("nothing removed")
    path.unlink()
    print(f"Removed pack '{pack}'")


@packs_app.command("new")
def packs_new(
    file: Annotated[Path, typer.Argument(help="Where to write the template.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented pack template to start from.

    Example: hitrun-quiz packs new my-pack.yaml
    """
    import re

    from hitrun_quiz.library import template, write_atomic

    if file.exists() and not force:
        raise UsageError(f"{file}: already exists; use --force to overwrite it")
    pack_id = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-pack"
    try:
        write_atomic(file, template(file.name, pack_id).encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror or exc}") from None
    print(f"Wrote {file}; check it with: hitrun-quiz packs validate {file}")


@packs_app.command("export")
def packs_export(
    pack: Annotated[str, typer.Argument(help="Pack id or file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Export as JSON (the only format).")] = (
        False
    ),
) -> None:
    """Export a pack with its questions and cited facts as one JSON object.

    Example: hitrun-quiz packs export hit-and-run --json > pack.json
    """
    from hitrun_quiz.library import export
    from hitrun_quiz.packs import find_pack

    if not as_json:
        raise UsageError("packs export: add --json (JSON is the only export format)")
    echo_json(export(find_pack(pack)))


# --------------------------------------------------------------------------- scores


@scores_app.callback()
def scores(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
    pack: Annotated[str | None, typer.Option("--pack", help="Only rounds with this pack.")] = None,
    player: Annotated[str | None, typer.Option("--player", help="Only this player.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many rows.")] = 10,
) -> None:
    """Show the high-score table (finished rounds only).

    Example: hitrun-quiz scores --pack hit-and-run --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from hitrun_quiz.session import Recorder

    rows = Recorder().top(limit=limit, pack=pack, player=player)
    if as_json:
        echo_json([r.to_json() for r in rows])
        return
    from hitrun_quiz.ui.tables import print_scores

    print_scores(rows)


@scores_app.command("reset")
def scores_reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every recorded round.

    Asks first; without a terminal it refuses unless --yes is given.

    Example: hitrun-quiz scores reset --yes
    """
    from hitrun_quiz.session import Recorder

    recorder = Recorder()
    recorder.check()
    if not confirm("Delete every recorded round?", yes):
        fail("nothing deleted")
    with recorder.store() as store:
        n = store.reset()
    print(f"Deleted {n} round{'s' * (n != 1)}.")


# --------------------------------------------------------------------------- entry point


def main() -> None:
    """Console-script entry point: the one place errors become messages and exit codes."""
    try:
        app()
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        sys.exit(ExitStatus.USAGE)
    except QuizError as exc:
        print(f"hitrun-quiz: {exc}", file=sys.stderr)
        sys.exit(exc.exit_status)
    except KeyboardInterrupt:
        print("\nhitrun-quiz: interrupted", file=sys.stderr)
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): exit quietly.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitStatus.FAILURE)

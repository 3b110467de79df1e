"""`hitrun-quiz packs ...`: list, show, validate, add, remove, new, export, lint, check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    Command,
    confirm,
    echo_json,
    fail,
    packs_app,
)
from hitrun_quiz.errors import ExitStatus, PackError, UsageError

if TYPE_CHECKING:
    from hitrun_quiz.packs.model import Pack


# --------------------------------------------------------------------------- packs


def _load_packs_for_listing() -> list[Pack]:
    from hitrun_quiz.packs.loader import load_all

    def warn(exc: PackError) -> None:
        for problem in exc.problems:
            print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)

    return load_all(on_error=warn)


@packs_app.command("list", cls=Command)
def packs_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
) -> None:
    """List the built-in and user packs.

    Example: hitrun-quiz packs list --json
    """
    from hitrun_quiz.packs.library import pack_summary

    rows = [pack_summary(p) for p in _load_packs_for_listing()]
    if as_json:
        echo_json(rows)
        return
    from hitrun_quiz.ui.tables import print_packs

    print_packs(rows)


@packs_app.command("show", cls=Command)
def packs_show(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Pack id or file.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Show a pack: its details and question counts by category, difficulty and type.

    Example: hitrun-quiz packs show hit-and-run
    """
    from hitrun_quiz.packs.library import pack_details
    from hitrun_quiz.packs.loader import find_pack

    details = pack_details(find_pack(pack))
    if as_json:
        echo_json(details)
        return
    from hitrun_quiz.ui.tables import print_details

    print_details(details)


@packs_app.command("validate", cls=Command)
def packs_validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Pack files to check.", show_default=False),
    ],
) -> None:
    """Check pack files; print every problem as FILE:LINE:COL: message.

    Exit 0 when all are valid, 2 when any is not.

    Example: hitrun-quiz packs validate my-pack.yaml
    """
    from hitrun_quiz.packs.loader import load_pack

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


@packs_app.command("add", cls=Command)
def packs_add(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The pack file to install.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a user pack of the same id.")] = (
        False
    ),
) -> None:
    """Validate a pack and copy it into your pack dir.

    Nothing is written unless the pack is valid; a pack whose id is taken is
    refused unless --force is given.

    Example: hitrun-quiz packs add my-pack.yaml
    """
    from hitrun_quiz.packs.library import add_pack

    pack, target, replaced = add_pack(file, force=force)
    verb = "Replaced" if replaced else "Added"
    print(f"{verb} pack '{pack.id}' ({len(pack.questions)} questions) at {target}")


@packs_app.command("remove", cls=Command)
def packs_remove(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Id of a user pack.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a user pack (built-in packs cannot be removed).

    Example: hitrun-quiz packs remove my-pack --yes
    """
    from hitrun_quiz.packs.library import user_pack_path

    path = user_pack_path(pack)
    if not confirm(f"Remove pack '{pack}' ({path})?", yes):
        fail("nothing removed")
    path.unlink()
    print(f"Removed pack '{pack}'")


@packs_app.command("new", cls=Command)
def packs_new(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the template.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented pack template to start from.

    Example: hitrun-quiz packs new my-pack.yaml
    """
    import re

    from hitrun_quiz.files import write_atomic
    from hitrun_quiz.packs.library import template

    if file.exists() and not force:
        raise UsageError(f"{file}: already exists; use --force to overwrite it")
    pack_id = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-pack"
    try:
        write_atomic(file, template(file.name, pack_id).encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror or exc}") from None
    print(f"Wrote {file}; check it with: hitrun-quiz packs validate {file}")


@packs_app.command("export", cls=Command)
def packs_export(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Pack id or file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Export as JSON (the only format).")] = (
        False
    ),
) -> None:
    """Export a pack with its questions and cited facts as one JSON object.

    Example: hitrun-quiz packs export hit-and-run --json > pack.json
    """
    from hitrun_quiz.packs.library import export
    from hitrun_quiz.packs.loader import find_pack

    if not as_json:
        raise UsageError("packs export: add --json (JSON is the only export format)")
    echo_json(export(find_pack(pack)))


@packs_app.command("lint")
def packs_lint(
    packs: Annotated[
        list[str], typer.Argument(help="Pack files or ids to lint.", show_default=False)
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Exit 2 when there are warnings.")] = (
        False
    ),
    as_json: Annotated[
        bool, typer.Option("--json", help="The warnings as one JSON array on stdout.")
    ] = False,
) -> None:
    """Warn about what makes rounds unfair: giveaways, duplicates, lopsided true/false.

    Each warning is FILE:LINE:COL: warning: MESSAGE [RULE]; the rules are in
    docs/packs.md. Exit 0, or 2 with --strict when there is any warning (and
    for an invalid pack).

    Example: hitrun-quiz packs lint my-pack.yaml --strict
    """
    from hitrun_quiz.packs.lint import lint_ref

    warnings = []
    bad = 0
    for ref in packs:
        try:
            warnings.extend(lint_ref(ref))
        except PackError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
    if as_json:
        echo_json([w.to_json() for w in warnings])
    else:
        for warning in warnings:
            print(warning)
    n = len(warnings)
    summary = (
        f"{n} warning{'s' * (n != 1)} in {len(packs) - bad} pack{'s' * (len(packs) - bad != 1)}"
    )
    if bad:
        fail(f"{summary}; {bad} of {len(packs)} not valid", ExitStatus.USAGE)
    if strict and warnings:
        fail(f"{summary} (--strict)", ExitStatus.USAGE)
    print(f"hitrun-quiz: {summary}", file=sys.stderr)


@packs_app.command("check")
def packs_check(
    pack: Annotated[str, typer.Argument(help="Pack file or id.")],
    sources: Annotated[
        Path,
        typer.Option(
            "--sources",
            help="Directory of the source documents: a source's 'document:', "
            "else <source id>.txt or .md.",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="The report as JSON on stdout.")] = (
        False
    ),
) -> None:
    """Check a pack against its sources: every quote verbatim, every answer in its quotes.

    Every source needs a document in DIR; every quote must appear in it (case,
    whitespace and typographic quotes aside); every choice, text and number
    answer (or an alias) must appear in its fact's quotes. Exit 2 on a failure.

    Example: hitrun-quiz packs check my-pack.yaml --sources ./sources
    """
    from hitrun_quiz.packs.check import check_ref

    if not sources.is_dir():
        raise UsageError(f"--sources {sources}: not a directory")
    report = check_ref(pack, sources)
    if as_json:
        echo_json(report.to_json())
    else:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(
            f"{report.file}: {report.sources} source document{'s' * (report.sources != 1)}, "
            f"{report.quotes} quote{'s' * (report.quotes != 1)} verbatim, "
            f"{report.answers} answer{'s' * (report.answers != 1)} in their quotes, "
            f"{report.not_checked} question{'s' * (report.not_checked != 1)} not checked "
            "(true/false or without a fact)"
        )
    if not report.ok:
        n = len(report.problems)
        fail(f"{n} problem{'s' * (n != 1)} in {report.file}", ExitStatus.USAGE)


@packs_app.command("format", cls=Command)
def packs_format() -> None:
    """Print the pack format reference: every field, the rules and an example.

    Example: hitrun-quiz packs format | less
    """
    from hitrun_quiz.packs.library import format_reference

    sys.stdout.write(format_reference())

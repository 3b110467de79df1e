"""`hitrun-quiz packs ...`: list, show, validate, add, remove, new, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hitrun_quiz.cli.base import (
    confirm,
    echo_json,
    fail,
    packs_app,
)
from hitrun_quiz.errors import ExitStatus, PackError, UsageError
from hitrun_quiz.safetext import safe

if TYPE_CHECKING:
    from hitrun_quiz.packs.model import Pack


# --------------------------------------------------------------------------- packs


def _load_packs_for_listing() -> list[Pack]:
    from hitrun_quiz.packs.loader import load_all

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
    from hitrun_quiz.packs.library import pack_summary

    rows = [pack_summary(p) for p in _load_packs_for_listing()]
    if as_json:
        echo_json(rows)
        return
    from hitrun_quiz.ui.tables import print_packs

    print_packs(rows)


@packs_app.command("show")
def packs_show(
    pack: Annotated[str, typer.Argument(help="Pack id or file.")],
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


@packs_app.command("validate")
def packs_validate(
    files: Annotated[list[Path], typer.Argument(help="Pack files to check.", show_default=False)],
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
            print(f"{safe(file)}: ok ({pack.id}, {len(pack.questions)} questions)")
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
    from hitrun_quiz.packs.library import add_pack

    pack, target, replaced = add_pack(file, force=force)
    verb = "Replaced" if replaced else "Added"
    print(f"{verb} pack '{pack.id}' ({len(pack.questions)} questions) at {safe(target)}")


@packs_app.command("remove")
def packs_remove(
    pack: Annotated[str, typer.Argument(help="Id of a user pack.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a user pack (built-in packs cannot be removed).

    Example: hitrun-quiz packs remove my-pack --yes
    """
    from hitrun_quiz.packs.library import remove_pack, user_pack_path

    path = user_pack_path(pack)  # only a file in the pack dir holding the pack with this id
    if not confirm(f"Remove pack '{pack}' ({safe(path)})?", yes):
        fail("nothing removed")
    remove_pack(path)
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

    from hitrun_quiz.files import exists, write_atomic
    from hitrun_quiz.packs.library import template

    if exists(file, "write") and not force:
        raise UsageError(f"{safe(file)}: already exists; use --force to overwrite it")
    pack_id = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-pack"
    # Never replaces a device, FIFO or link; an OS error is one line (FileError).
    write_atomic(file, template(file.name, pack_id).encode("utf-8"))
    print(f"Wrote {safe(file)}; check it with: hitrun-quiz packs validate {safe(file)}")


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
    from hitrun_quiz.packs.library import export
    from hitrun_quiz.packs.loader import find_pack

    if not as_json:
        raise UsageError("packs export: add --json (JSON is the only export format)")
    echo_json(export(find_pack(pack)))

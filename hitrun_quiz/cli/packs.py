"""`hitrun-quiz packs ...`: list, show, validate, add, remove, new, export, lint, check.

One group of many subcommands: what only one of them uses (the import and
export formats, the JSON Schema, lint, check) is imported in that subcommand,
so ``packs list`` and ``packs validate`` load no YAML writer, importer or linter.
"""

import json
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hitrun_quiz.cli.base import Command, Group, confirm, echo_json, new_app
from hitrun_quiz.errors import CheckFailed, PackError, Problem, UsageError
from hitrun_quiz.files import exists, write_atomic
from hitrun_quiz.packs.library import (
    add_pack,
    add_pack_text,
    export,
    format_reference,
    pack_details,
    remove_pack,
    template,
    user_pack_path,
)
from hitrun_quiz.packs.listing import summaries
from hitrun_quiz.packs.loader import find_pack, load_pack
from hitrun_quiz.safetext import safe
from hitrun_quiz.ui.tables import print_details, print_packs

app = packs_app = new_app(
    cls=Group,
    help="List, inspect, validate, lint, check, add and remove question packs.\n\n"
    "Example: hitrun-quiz packs list",
    no_args_is_help=True,
)


def _warn_broken(exc: PackError) -> None:
    for problem in exc.problems:
        print(f"hitrun-quiz: skipping a broken pack: {problem}", file=sys.stderr)


def _questions(n: int) -> str:
    """ "1 question", "2 questions"."""
    return f"{n} question{'s' * (n != 1)}"


@packs_app.command("list", cls=Command)
def packs_list(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array on stdout.")] = False,
) -> None:
    """List the built-in and user packs.

    Example: hitrun-quiz packs list --json
    """

    rows = summaries(on_error=_warn_broken)
    if as_json:
        echo_json(rows)
        return

    print_packs(rows)


@packs_app.command("show", cls=Command)
def packs_show(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Pack id or file.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """Show a pack: its details and question counts by category, difficulty and type.

    Example: hitrun-quiz packs show hit-and-run
    """

    details = pack_details(find_pack(pack))
    if as_json:
        echo_json(details)
        return

    print_details(details)


@packs_app.command("validate", cls=Command)
def packs_validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="Pack files to check.", show_default=False),
    ],
) -> None:
    """Check pack files; print every problem as FILE:LINE:COL: message.

    Exit 0 when all are valid, 1 when any is not.

    Example: hitrun-quiz packs validate my-pack.yaml
    """

    bad = 0
    for file in files:
        try:
            pack = load_pack(file, cache=False)
        except PackError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
        else:
            print(f"{safe(file)}: ok ({pack.id}, {_questions(len(pack.questions))})")
    if bad:
        raise CheckFailed(f"{bad} of {len(files)} file{'s' * (len(files) > 1)} not valid")


@packs_app.command("add", cls=Command)
def packs_add(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The pack file to install.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a user pack of the same id.")] = (
        False
    ),
    link: Annotated[
        bool, typer.Option("--link", help="Link the file instead of copying it; edit it in place.")
    ] = False,
) -> None:
    """Validate a pack and copy it into your pack dir.

    Nothing is written unless the pack is valid; a pack whose id is taken is
    refused unless --force is given. With --link the pack dir keeps a link to
    the file, which is validated again whenever it changes.

    Example: hitrun-quiz packs add my-pack.yaml
    """

    pack, target, replaced = add_pack(file, force=force, link=link)
    verb = "Replaced" if replaced else "Added"
    print(f"{verb} pack '{pack.id}' ({_questions(len(pack.questions))}) at {safe(target)}")


@packs_app.command("remove", cls=Command)
def packs_remove(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Id of a user pack.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove a user pack (built-in packs cannot be removed).

    Example: hitrun-quiz packs remove my-pack --yes
    """

    path = user_pack_path(pack)  # only a file in the pack dir holding the pack with this id
    if not confirm(f"Remove pack '{pack}' ({safe(path)})?", yes):
        print("hitrun-quiz: nothing removed", file=sys.stderr)
        return
    remove_pack(path)
    print(f"Removed pack '{pack}'")


@packs_app.command("new", cls=Command)
def packs_new(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the template.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="A spreadsheet template to import with --from csv.")
    ] = False,
) -> None:
    """Write a commented pack template to start from.

    The YAML template comes with the pack format's JSON Schema beside it, for
    editors; --csv writes a spreadsheet template instead.

    Example: hitrun-quiz packs new my-pack.yaml
    """
    from hitrun_quiz.packs.formats.csv import template as csv_template
    from hitrun_quiz.packs.jsonschema import SCHEMA_FILE, json_schema

    if exists(file, "write") and not force:
        raise UsageError(f"{safe(file)}: already exists; use --force to overwrite it")
    pack_id = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "my-pack"
    if as_csv:
        data = csv_template().encode("utf-8")
        check = f"hitrun-quiz packs import {safe(file)} --from csv"
    else:
        data = template(file.name, pack_id).encode("utf-8")
        check = f"hitrun-quiz packs validate {safe(file)}"
    # Never replaces a device, FIFO or link; an OS error is one line (FileError).
    write_atomic(file, data)
    if not as_csv:
        schema = json.dumps(json_schema(), indent=2) + "\n"
        write_atomic(file.parent / SCHEMA_FILE, schema.encode("utf-8"))
    print(f"Wrote {safe(file)}; check it with: {check}")


class ExportFormat(str, Enum):
    json = "json"
    yaml = "yaml"
    opentdb = "opentdb"
    csv = "csv"


class ImportFormat(str, Enum):
    opentdb = "opentdb"
    red = "red"
    csv = "csv"


class Encoding(str, Enum):
    auto = "auto"
    html = "html"
    url3986 = "url3986"
    urllegacy = "urllegacy"
    base64 = "base64"


@packs_app.command("export", cls=Command)
def packs_export(
    pack: Annotated[str, typer.Argument(metavar="PACK", help="Pack id or file.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json, yaml, opentdb or csv.")
    ] = ExportFormat.json,
    as_json: Annotated[
        bool, typer.Option("--json", help="The same as --format json (kept for old scripts).")
    ] = False,
) -> None:
    """Export a pack: JSON with its cited facts (the default), YAML, Open Trivia DB or CSV.

    Importing an Open Trivia DB or CSV export gives back the same questions
    (Open Trivia DB holds only choice and true/false questions; the others are
    named on stderr).

    Example: hitrun-quiz packs export hit-and-run --format csv > pack.csv
    """
    from hitrun_quiz.packs.formats.csv import export_csv
    from hitrun_quiz.packs.formats.opentdb import export_opentdb
    from hitrun_quiz.packs.formats.writer import draft_of, write_pack

    found = find_pack(pack)
    if as_json or fmt is ExportFormat.json:
        echo_json(export(found))
    elif fmt is ExportFormat.yaml:
        sys.stdout.write(write_pack(draft_of(found))[0])
    elif fmt is ExportFormat.opentdb:
        data, skipped = export_opentdb(found)
        if skipped:
            print(
                f"hitrun-quiz: left out {len(skipped)} text and number question(s), which "
                f"Open Trivia DB cannot hold: {', '.join(skipped)}",
                file=sys.stderr,
            )
        echo_json(data)
    else:
        sys.stdout.write(export_csv(found))


@packs_app.command("import", cls=Command)
def packs_import(
    file: Annotated[Path, typer.Argument(help="The file to import.")],
    source: Annotated[
        ImportFormat, typer.Option("--from", help="Its format: opentdb, red or csv.")
    ],
    pack_id: Annotated[
        str | None, typer.Option("--id", help="The pack id (default: from the file name).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the YAML pack here.")
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="Add the pack to your pack dir.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite OUT, or replace a user pack of the same id.")
    ] = False,
    encoding: Annotated[
        Encoding, typer.Option("--encoding", help="Open Trivia DB text encoding.")
    ] = Encoding.auto,
) -> None:
    """Import an Open Trivia DB response, a Red trivia list or a CSV/TSV file as a pack.

    The pack is validated like any other; every problem is reported at its
    row. Without -o or --add the YAML pack is written to stdout.

    Example: hitrun-quiz packs import questions.json --from opentdb -o quiz.yaml
    """
    from hitrun_quiz.packs.formats.imports import import_file

    if out is not None and out.exists() and not force:
        raise UsageError(f"{safe(out)}: already exists; use --force to overwrite it")
    imported = import_file(file, source.value, pack_id=pack_id, encoding=encoding.value)
    pack, text = imported.pack, imported.text
    for w in imported.warnings:
        print(w._replace(message=f"warning: {w.message}"), file=sys.stderr)
    if out is not None:
        try:
            write_atomic(out, text.replace("validate FILE", f"validate {out.name}", 1).encode())
        except OSError as exc:
            raise UsageError(f"{safe(out)}: {exc.strerror or exc}") from None
        print(
            f"Wrote pack '{pack.id}' ({_questions(len(pack.questions))}) to {safe(out)}",
            file=sys.stderr,
        )
    if add:
        added, target, replaced = add_pack_text(text, str(file), pack, force=force)
        verb = "Replaced" if replaced else "Added"
        print(
            f"{verb} pack '{added.id}' ({_questions(len(added.questions))}) at {safe(target)}",
            file=sys.stderr,
        )
    if out is None and not add:
        sys.stdout.write(text)


@packs_app.command("schema", cls=Command)
def packs_schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the pack format, for editors.

    Example: hitrun-quiz packs schema > pack.schema.json
    """
    from hitrun_quiz.packs.jsonschema import json_schema

    echo_json(json_schema())


@packs_app.command("lint", cls=Command)
def packs_lint(
    packs: Annotated[
        list[str], typer.Argument(help="Pack files or ids to lint.", show_default=False)
    ],
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when there are warnings.")] = (
        False
    ),
    as_json: Annotated[
        bool, typer.Option("--json", help="The warnings as one JSON array on stdout.")
    ] = False,
) -> None:
    """Warn about what makes rounds unfair: giveaways, duplicates, lopsided true/false.

    Each warning is FILE:LINE:COL: warning: MESSAGE [RULE]; every rule is
    explained by: hitrun-quiz packs format. Exit 0, or 1 with --strict when
    there is any warning; 3 for a pack that cannot be read.

    Example: hitrun-quiz packs lint my-pack.yaml --strict
    """
    from hitrun_quiz.packs.lint import lint_ref

    warnings = []
    refused: list[Problem] = []
    bad = 0
    for ref in packs:
        try:
            warnings.extend(lint_ref(ref))
        except PackError as exc:
            bad += 1
            refused.extend(exc.problems)
    if as_json:
        echo_json([w.to_json() for w in warnings])
    else:
        for warning in warnings:
            print(warning)
    n = len(warnings)
    summary = (
        f"{n} warning{'s' * (n != 1)} in {len(packs) - bad} pack{'s' * (len(packs) - bad != 1)}"
    )
    if refused:
        print(f"hitrun-quiz: {summary}; {bad} of {len(packs)} not valid", file=sys.stderr)
        raise PackError(refused)
    if strict and warnings:
        raise CheckFailed(f"{summary} (--strict)")
    print(f"hitrun-quiz: {summary}", file=sys.stderr)


@packs_app.command("check", cls=Command)
def packs_check(
    pack: Annotated[str, typer.Argument(help="Pack file or id.")],
    sources: Annotated[
        Path,
        typer.Option(
            "--sources",
            metavar="DIR",
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
    answer (or an alias) must appear in its fact's quotes. Exit 1 on a failure.

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
            f"{report.answers} answer{'s' * (report.answers != 1)} and claims in their quotes, "
            f"{report.not_checked} question{'s' * (report.not_checked != 1)} not checked "
            "(without a fact)"
        )
    if not report.ok:
        n = len(report.problems)
        raise CheckFailed(f"{n} problem{'s' * (n != 1)} in {report.file}")


@packs_app.command("format", cls=Command)
def packs_format() -> None:
    """Print the pack format reference: every field, the rules and an example.

    Example: hitrun-quiz packs format | less
    """

    sys.stdout.write(format_reference())

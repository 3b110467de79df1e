"""One entry point for every importer: ``import_file(path, fmt)``."""

from __future__ import annotations

from pathlib import Path

from hitrun_quiz.errors import UsageError
from hitrun_quiz.packs.formats.validate import Imported

FORMATS = ("opentdb", "red", "csv")


def import_file(
    path: Path, fmt: str, *, pack_id: str | None = None, encoding: str = "auto"
) -> Imported:
    """Import ``path`` written in ``fmt``: the validated pack, its YAML text and warnings."""
    if fmt == "opentdb":
        from hitrun_quiz.packs.formats.opentdb import import_opentdb

        return import_opentdb(path, pack_id=pack_id, encoding=encoding)
    if encoding != "auto":
        raise UsageError("--encoding applies only to --from opentdb")
    if fmt == "red":
        from hitrun_quiz.packs.formats.red import import_red

        return import_red(path, pack_id=pack_id)
    if fmt == "csv":
        from hitrun_quiz.packs.formats.csv import import_csv

        return import_csv(path, pack_id=pack_id)
    raise UsageError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")

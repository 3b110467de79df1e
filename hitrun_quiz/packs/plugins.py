"""Plugin packs: packs shipped by installed distributions, through the entry point group
``hitrun_quiz.packs``.

A distribution declares, in its ``pyproject.toml``::

    [project.entry-points."hitrun_quiz.packs"]
    my-packs = "my_quiz_packs"              # a package: every *.yaml/*.yml file in it
    # or "my_quiz_packs:PACKS"              # an attribute: a path, or a list of paths,
    #                                       # or a function returning them

The entry points are found with ``importlib.metadata``.  A plugin is someone
else's code, run only by the commands that list or find packs by id, and it
must never take the CLI down: each one is loaded in a worker thread that the
CLI waits for at most :data:`TIMEOUT` seconds; whatever it raises (any
``BaseException``, ``SystemExit`` and ``KeyboardInterrupt`` included) and a
list of paths without end (more than :data:`MAX_FILES`) make it skipped with
one line, and every other pack is still listed.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
import types
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

GROUP = "hitrun_quiz.packs"
#: Seconds the CLI waits for all plugins together before it goes on without the slow ones.
TIMEOUT = 3.0
#: Pack files one entry point may name.
MAX_FILES = 1000


class PluginError(Exception):
    """A plugin names something that is not pack files."""


def _yaml_files(directory: Path) -> list[str]:
    return sorted(str(f) for f in directory.iterdir() if f.suffix in (".yaml", ".yml"))


def _resolve(value: Any) -> list[str]:
    """Pack files from what an entry point names: a module, a path, paths, or a function."""
    if isinstance(value, types.ModuleType):
        dirs = [Path(p) for p in getattr(value, "__path__", [])]
        if not dirs and getattr(value, "__file__", None):
            dirs = [Path(str(value.__file__)).parent]
        return [f for d in dirs for f in _yaml_files(d)][: MAX_FILES + 1]
    if callable(value):
        value = value()
    if isinstance(value, str | os.PathLike):
        value = [value]
    try:
        items = list(itertools.islice(iter(value), MAX_FILES + 1))
    except TypeError:
        raise PluginError(f"expected paths, got {type(value).__name__}") from None
    out: list[str] = []
    for item in items:
        if not isinstance(item, str | os.PathLike):
            raise PluginError(f"expected paths, got {type(item).__name__}")
        p = Path(item)
        out += _yaml_files(p) if p.is_dir() else [str(p)]
    return out


class _Load(threading.Thread):
    """Loads one entry point and resolves it to pack files, catching whatever it raises."""

    def __init__(self, ep: EntryPoint) -> None:
        super().__init__(daemon=True, name=f"plugin {ep.name}")
        self.ep = ep
        self.files: list[str] = []
        self.error: str | None = None

    def run(self) -> None:
        try:
            self.files = _resolve(self.ep.load())
        except BaseException as exc:  # someone else's code: SystemExit, KeyboardInterrupt too
            self.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return
        if len(self.files) > MAX_FILES:
            self.files = []
            self.error = f"names more than {MAX_FILES} pack files"


def plugin_files(on_error: Callable[[str], None]) -> list[tuple[str, str]]:
    """(dist name, pack file) for every plugin pack; a broken plugin goes to ``on_error``."""
    loads = [_Load(ep) for ep in entry_points(group=GROUP)]
    for load in loads:
        load.start()
    deadline = time.monotonic() + TIMEOUT
    out: list[tuple[str, str]] = []
    for load in loads:
        load.join(max(0.0, deadline - time.monotonic()))
        dist = load.ep.dist.name if load.ep.dist is not None else "an unknown distribution"
        where = f"plugin '{load.ep.name}' of {dist}"
        if load.is_alive():
            on_error(f"{where}: gave no packs within {TIMEOUT:g} s; skipped")
        elif load.error is not None:
            on_error(f"{where}: {load.error}; skipped")
        else:
            out += [(dist, f) for f in load.files]
    return out

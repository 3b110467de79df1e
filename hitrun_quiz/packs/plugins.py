"""Plugin packs: packs shipped by installed distributions, through the entry point group
``hitrun_quiz.packs``.

A distribution declares, in its ``pyproject.toml``::

    [project.entry-points."hitrun_quiz.packs"]
    my-packs = "my_quiz_packs"              # a package: every *.yaml/*.yml file in it
    # or "my_quiz_packs:PACKS"              # an attribute: a path, or a list of paths,
    #                                       # or a function returning them

Finding them is kept cheap, because ``packs list`` should start at once:
importing ``importlib.metadata`` alone costs about 50 ms, and loading an entry
point imports the plugin's code.  So the ``*.dist-info`` directories on
``sys.path`` are listed with ``os.scandir`` (their names carry the
distribution's name and version), and what each distribution offers is
cached, keyed on its name, version and install time: the metadata is read
and the plugin imported only for a distribution the cache has not seen.  A
broken plugin (it fails to import, names nothing, or names files that do not
exist) is reported and skipped, never fatal, and never cached, so it is
reported again until it is fixed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hitrun_quiz.paths import cache_dir

GROUP = "hitrun_quiz.packs"
_FORMAT = 1


def _dist_dirs() -> list[tuple[str, str]]:
    """(key, path) of every installed distribution's metadata directory on sys.path."""
    found = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                for d in it:
                    if d.name.endswith((".dist-info", ".egg-info")) and d.is_dir():
                        stamp = d.stat().st_mtime_ns
                        found.append((f"{d.path}@{stamp}", d.path))
        except OSError:
            continue
    return found


def _index_path() -> Path:
    return cache_dir() / "plugins.json"


def _read_index() -> dict[str, Any]:
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
        if data.get("format") == _FORMAT and isinstance(data.get("dists"), dict):
            return data["dists"]  # type: ignore[no-any-return]
    except (OSError, ValueError, AttributeError):
        pass
    return {}


def _write_index(dists: dict[str, Any]) -> None:
    target = _index_path()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"format": _FORMAT, "dists": dists}), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _resolve(value: Any) -> list[str]:
    """Pack files from what an entry point names: a module, a path, paths, or a function."""
    import types

    if isinstance(value, types.ModuleType):
        paths = [Path(p) for p in getattr(value, "__path__", [])] or (
            [Path(value.__file__).parent] if value.__file__ else []
        )
        return sorted(str(f) for d in paths for f in d.iterdir() if f.suffix in (".yaml", ".yml"))
    if callable(value):
        value = value()
    if isinstance(value, str | os.PathLike):
        value = [value]
    out = []
    for item in value:
        if not isinstance(item, str | os.PathLike):
            raise TypeError(f"expected paths, got {type(item).__name__}")
        p = Path(item)
        out += (
            sorted(str(f) for f in p.iterdir() if f.suffix in (".yaml", ".yml"))
            if p.is_dir()
            else [str(p)]
        )
    return out


def _scan_dist(path: str) -> tuple[str, list[tuple[str, str]]]:
    """The distribution's name and its entry points in our group (reads its metadata)."""
    from importlib.metadata import PathDistribution

    dist = PathDistribution(Path(path))
    eps = [(ep.name, ep.value) for ep in dist.entry_points if ep.group == GROUP]
    if not eps:  # most distributions: no need to parse their METADATA
        return Path(path).name, eps
    return dist.metadata["Name"] or Path(path).name, eps


def plugin_files(on_error: Callable[[str], None]) -> list[tuple[str, str]]:
    """(dist name, pack file) for every plugin pack; a broken plugin goes to ``on_error``."""
    old = _read_index()
    new: dict[str, Any] = {}
    out: list[tuple[str, str]] = []
    for key, path in _dist_dirs():
        entry = old.get(key)
        if entry is None:
            try:
                name, eps = _scan_dist(path)
            except Exception as exc:  # a broken metadata dir: skip it
                on_error(f"{Path(path).name}: unreadable metadata ({exc})")
                continue
            files: list[str] = []
            broken = False
            for ep_name, value in eps:
                try:
                    from importlib.metadata import EntryPoint

                    files += _resolve(EntryPoint(ep_name, value, GROUP).load())
                except Exception as exc:  # any error in someone else's code
                    on_error(f"plugin '{ep_name}' of {name}: {type(exc).__name__}: {exc}")
                    broken = True
            entry = {"name": name, "files": files}
            if broken:
                out += [(name, f) for f in files]
                continue
        new[key] = entry
        out += [(entry["name"], f) for f in entry["files"]]
    if new != old:
        _write_index(new)
    return out

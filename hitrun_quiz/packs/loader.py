"""Find, read and load question packs.

Reading checks the file (size, encoding, emptiness); validation is in
``schema.py``.  A pack that validated once is cached, keyed on its bytes and
this code's version, so the next load skips PyYAML entirely (see
:func:`load_pack`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from hitrun_quiz.errors import PackError, PackNotFound, Problem
from hitrun_quiz.files import MAX_PACK_BYTES, NotRegularFile, read_regular
from hitrun_quiz.packs import cache as packcache
from hitrun_quiz.packs.model import Origin, Pack, Positions
from hitrun_quiz.paths import builtin_packs_dir, user_packs_dir

MAX_BYTES = MAX_PACK_BYTES
PACK_SUFFIXES = (".yaml", ".yml")
DEFAULT_PACK = "hit-and-run"


# --------------------------------------------------------------------------- reading


def read_pack_bytes(path: Path) -> bytes:
    """The bytes of a pack file, or a PackError with one file-level problem."""

    def fail(message: str) -> PackError:
        return PackError([Problem(str(path), 0, 0, message)])

    from hitrun_quiz.files import reason

    try:
        return read_regular(path, MAX_BYTES)
    except NotRegularFile as exc:
        raise fail(str(exc)) from None
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as exc:
        raise fail(f"cannot read: {reason(exc)}") from None


def decode_pack(path: Path, data: bytes) -> str:
    """Pack bytes as text: UTF-8 (a BOM is allowed), not empty."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = "not valid UTF-8 (packs must be UTF-8 text)"
        raise PackError([Problem(str(path), line, col, message)]) from None
    if not text.strip():
        raise PackError([Problem(str(path), 0, 0, "file is empty")])
    return text


def load_pack(path: str | Path, origin: Origin = "file", *, cache: bool = True) -> Pack:
    """Load and validate one pack file; raises PackError listing every problem.

    With ``cache`` (the default), a pack whose exact bytes validated before,
    under this version of the code, is rebuilt from the cache instead of
    being parsed again: no PyYAML import, no YAML parse.  Only valid packs are
    cached, and the cache key covers the file's bytes, so an edited file is
    always validated afresh.
    """
    return pack_from_bytes(read_pack_bytes(Path(path)), path, origin, cache=cache)


def pack_from_bytes(
    data: bytes, path: str | Path, origin: Origin = "file", *, cache: bool = True
) -> Pack:
    """Validate the bytes of a pack read from ``path`` (see :func:`load_pack`)."""
    key = _cache_key(data, origin) if cache else ""
    if cache:
        cached = packcache.read(key, str(path))
        if cached is not None:
            return cached
    from hitrun_quiz.packs.schema import parse_pack

    pack = parse_pack(decode_pack(Path(path), data), path=str(path), origin=origin)
    if cache:
        packcache.write(key, pack)
    return pack


def _cache_key(data: bytes, origin: Origin) -> str:
    # CRC-32 plus the length: enough to tell an edited file from the one that
    # was cached (the cache is the user's own; this is no security boundary),
    # and zlib loads in a fraction of hashlib's time.
    from zlib import crc32

    stamp = f"{origin}/{packcache.code_stamp()}".encode()
    return f"{crc32(data):08x}{len(data):x}-{crc32(stamp):08x}"


def _pack_files(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())
    except OSError:
        return []


def pack_files() -> Iterator[tuple[Path, Origin]]:
    """Every pack file: built-in first, then the user's, each sorted by name."""
    for p in _pack_files(builtin_packs_dir()):
        yield p, "builtin"
    for p in _pack_files(user_packs_dir()):
        yield p, "user"


def load_all(on_error: Callable[[PackError], None] | None = None) -> list[Pack]:
    """Every valid pack; a broken one is passed to ``on_error`` (or raised)."""
    packs: list[Pack] = []
    for p, origin in pack_files():
        try:
            packs.append(load_pack(p, origin))
        except PackError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return packs


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def is_pack_id(ref: str) -> bool:
    """Whether ``ref`` has the shape of a pack id (a slug: ``my-pack-2``)."""
    return bool(_SLUG.match(ref))


def names_a_file(ref: str) -> bool:
    """Whether ``ref`` names something that exists on disk (a regular file or not).

    An argument is read as a path only then; what it names must then be a
    regular file, which :func:`read_pack_bytes` checks.
    """
    try:
        os.stat(ref)
    except (OSError, ValueError):
        return False
    return True


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def find_by_id(pack_id: str, directory: Path, origin: Origin) -> tuple[Path, Pack] | None:
    """The file in ``directory`` whose content is the pack ``pack_id``, and that pack.

    The file named after the id is tried first, then every pack file of the
    dir (a pack hand-copied under another name); broken files are skipped.
    """
    named = [directory / f"{pack_id}{s}" for s in PACK_SUFFIXES]
    others = [p for p in _pack_files(directory) if p not in named]
    for candidate in [*named, *others]:
        if not is_regular_file(candidate):
            continue
        try:
            pack = load_pack(candidate, origin)
        except PackError:
            continue
        if pack.id == pack_id:
            return candidate, pack
    return None


def find_pack(ref: str) -> Pack:
    """A pack by id (built-in first, then user packs, links and plugins) or by file path.

    A pack id is a slug; anything else is a path, and only when it names an
    existing file (which must be a regular file).  A slug that is no pack's
    id but names an existing file is read as that file.
    """
    if is_pack_id(ref):
        for directory, origin in ((builtin_packs_dir(), "builtin"), (user_packs_dir(), "user")):
            found = find_by_id(ref, directory, origin)  # type: ignore[arg-type]
            if found is not None:
                return found[1]
        # A linked pack (packs add --link) or a plugin pack.
        from hitrun_quiz.packs.extra import LINK_SUFFIX, extra_files, link_target

        # The link named after ``ref``: when it is broken, say why, never "no pack".
        link = user_packs_dir() / f"{ref}{LINK_SUFFIX}"
        broken: PackError | None = None
        if is_regular_file(link):
            try:
                linked = load_pack(link_target(link), "link")
            except PackError as exc:
                broken = exc
            else:
                if linked.id == ref:
                    return linked
        for path, origin, _label in extra_files(on_error=lambda _exc: None):
            try:
                pack = load_pack(path, origin)
            except PackError:
                continue
            if pack.id == ref:
                return pack
        if broken is not None:
            raise broken
    if not is_pack_id(ref) or names_a_file(ref):
        return load_pack(ref, "file")  # the reader refuses what is not a regular file
    import difflib

    from hitrun_quiz.safetext import safe

    here = files_with_id(ref, Path.cwd())
    if here:
        name = safe(here[0].name)
        raise PackNotFound(
            f"no installed pack '{ref}', but ./{name} in this directory has that id: "
            f"play it with --pack ./{name}, or install it with: hitrun-quiz packs add {name}"
        )
    known = sorted({p.stem for p, _ in pack_files()})
    close = difflib.get_close_matches(ref, known, n=1)
    hint = f"; did you mean '{safe(close[0])}'?" if close else ""
    raise PackNotFound(f"no pack '{ref}'{hint} (see: hitrun-quiz packs list)")


def read_with_positions(ref: str) -> tuple[Pack, Positions, str]:
    """A pack (file or id) validated afresh, with where its parts are, and its file."""
    from hitrun_quiz.packs.schema import parse_pack

    if not is_pack_id(ref) or names_a_file(ref):
        path, origin = Path(ref), "file"
    else:
        found = find_pack(ref)
        path, origin = Path(found.path), found.origin
    text = decode_pack(path, read_pack_bytes(path))
    positions: Positions = {}
    pack = parse_pack(text, path=str(path), origin=origin, positions=positions)  # type: ignore[arg-type]
    return pack, positions, str(path)


_ID_LINE = re.compile(r"""^id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*(?:#.*)?$""", re.M)


def files_with_id(pack_id: str, directory: Path) -> list[Path]:
    """Pack files in ``directory`` whose top-level ``id:`` is ``pack_id`` (a cheap read)."""
    from hitrun_quiz.files import NotRegularFile, read_regular

    found = []
    for path in _pack_files(directory):
        try:  # the one reader: never blocks on a FIFO, never reads a device
            head = read_regular(path)[: 64 * 1024].decode("utf-8", "replace")
        except (OSError, NotRegularFile):
            continue
        match = _ID_LINE.search(head)
        if (match and match.group(1) == pack_id) or path.stem == pack_id:
            found.append(path)
    return found

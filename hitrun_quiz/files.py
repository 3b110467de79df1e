"""Files on disk: the one reader of pack files, and whole-or-nothing writes.

:func:`read_regular` opens without blocking, checks with ``fstat`` that what
it opened is a regular file, then reads at most a limit: a FIFO, a device, a
directory or a link to one is refused before a byte is read.
:func:`write_atomic` writes a temporary file next to the target, then renames
it over the target, so a file is whole or untouched; it never replaces
anything that is not a regular file, and the file follows the umask.
Every OS error becomes a :class:`~hitrun_quiz.errors.FileError` naming the
operation and the path, in one line.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from hitrun_quiz.errors import FileError
from hitrun_quiz.safetext import safe

MAX_PACK_BYTES = 10 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
)


class NotRegularFile(ValueError):
    """The path names something that is not a regular file, or one too large."""


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def reason(exc: OSError) -> str:
    """The OS's words for an error, lower-cased ("permission denied")."""
    text = exc.strerror or type(exc).__name__
    return text[:1].lower() + text[1:]


def os_failure(operation: str, path: str | os.PathLike[str], exc: OSError) -> FileError:
    """One line: ``cannot OPERATION PATH: reason``; reading is refused input (exit 3)."""
    return FileError(
        f"cannot {operation} {safe(os.fspath(path))}: {reason(exc)}",
        reading=operation.startswith("read"),
    )


def read_regular(path: str | os.PathLike[str], limit: int = MAX_PACK_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises :class:`NotRegularFile` for anything else (a directory, FIFO,
    device, socket, or a link to one: links are followed, then refused by what
    they point at) or a file over the limit, and OSError when it cannot be
    opened or read.  Never blocks on a FIFO and never reads past ``limit``.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = kind(st.st_mode)
            raise NotRegularFile(f"is {what}, not a regular file; only regular files are read")
        too_big = f"packs are limited to {limit:,} bytes"
        if st.st_size > limit:
            raise NotRegularFile(f"file is {st.st_size:,} bytes; {too_big}")
        chunks: list[bytes] = []
        left = limit + 1  # one byte more tells a file that grew past the limit
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise NotRegularFile(f"file grew past the limit; {too_big}")
        return b"".join(chunks)
    finally:
        os.close(fd)


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def exists(path: Path, operation: str = "read") -> bool:
    """Whether anything (a link included) is at ``path``; an OS error is a FileError."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise os_failure(operation, path, exc) from None
    return True


def check_replaceable(path: Path) -> None:
    """Raise FileError unless ``path`` is absent or a regular file (links are not)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise os_failure("write", path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        raise FileError(
            f"cannot write {safe(os.fspath(path))}: it is {kind(st.st_mode)}, not a regular "
            "file; refusing to replace it"
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either whole or not there at all.

    Never replaces anything but a regular file; creates missing parent dirs;
    the new file gets ``0o666 & ~umask`` like any file the user creates.  An
    OS error (permission, full disk, not a directory) is a FileError naming
    the path, and leaves nothing behind.
    """
    check_replaceable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_failure("create the directory", path.parent, exc) from None
    try:
        import tempfile  # only when writing: a start that only reads never pays for it

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise os_failure("write", path, exc) from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~current_umask())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        check_replaceable(path)  # again: it may have changed meanwhile
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise os_failure("write", path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_file(path: Path) -> None:
    """Delete a file; an OS error is a FileError naming the path."""
    try:
        path.unlink()
    except OSError as exc:
        raise os_failure("remove", path, exc) from None

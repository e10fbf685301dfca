"""Writing results to files atomically: a reader never sees a half-written file.

A regular file (or a symlink to one: the link stays, its target is replaced) is written to a
temporary ``.NAME.PID.RANDOM.part`` beside it and renamed into place, keeping an existing
file's mode (a new file gets the umask's). A character device or FIFO (``/dev/stdout``,
``/dev/null``, a pipe) is written in place, never replaced; other special files are refused.
A failed write (a full disk or device) is a one-line error. Temporary files left by a killed
run are removed by the next write into the same directory, once their process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from rolegraph.errors import RolegraphError

_PART = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only when the block ends without an error.

    It is a temporary file in the target's directory, renamed into place; a failure to write
    is a one-line :class:`RolegraphError`, and nothing is left behind.
    """
    given = Path(path)
    try:
        mode: int | None = os.stat(given).st_mode  # through symlinks
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _cannot(given, exc) from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        with _in_place(given) as handle:
            yield handle
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise RolegraphError(f"{given}: not a regular file", "give a file name (a directory, socket or block device is never written)")
    target = Path(os.path.realpath(given))
    sweep_parts(target.parent)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent)
        os.fchmod(fd, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise _cannot(given, exc) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


@contextmanager
def _in_place(path: Path) -> Iterator[BinaryIO]:
    """Write into a device or FIFO without replacing it (a FIFO nobody reads is an error, not a hang)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise RolegraphError(f"{path}: no process is reading this FIFO", "start the reader first") from None
        raise _cannot(path, exc) from None


def _cannot(path: Path, exc: OSError) -> RolegraphError:
    return RolegraphError(f"{path}: cannot write ({exc.strerror or exc})", "check that the directory exists, is writable and has space")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (one we may not signal counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_parts(directory: Path) -> None:
    """Remove ``.NAME.PID.RANDOM.part`` files and folders in ``directory`` whose writing process is gone."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        m = _PART.match(name)
        if m and int(m.group(1)) != os.getpid() and not pid_alive(int(m.group(1))):
            stale = directory / name
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path) as handle:
        handle.write(data)

"""Output files (exports, plots) written whole or not at all, never over the archive.

A file is written under a temporary name in its target folder and renamed into place
only when complete, so a failed write (full disk, bad query) leaves nothing behind and
an existing file as it was. Hand-written on the standard library: the ``atomicwrites``
package is unmaintained since 2022, and the no-clobber rename needs ``os.link`` anyway.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputRefused(ValueError):
    """The output path is a usage mistake (the archive itself, an existing file)."""


class OutputUnwritable(OSError):
    """The output cannot be written there (missing folder, /proc, full disk, no access)."""


def _same_file(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:  # one of them does not exist: compare where they would be
        return os.path.realpath(path) == os.path.realpath(other)


def check_target(path: Path, protected: Iterable[Path], *, force: bool = True) -> None:
    """Refuse ``path`` if it is (or would be) one of ``protected``, or exists without
    ``force``; refuse a folder that is missing. Nothing is opened for writing."""
    for other in protected:
        if _same_file(path, other):
            raise OutputRefused(f"{path} would overwrite the archive's own file {other};"
                                " choose another output")
    if path.is_dir():
        raise OutputRefused(f"{path} is a folder; name a file")
    if path.exists() and not path.is_file():  # a device, a pipe: never replaced by a file
        raise OutputRefused(f"{path} is not a regular file; name a file")
    if path.exists() and not force:
        raise OutputRefused(f"{path} exists; pass --force to replace it")
    folder = path.parent
    if not folder.is_dir():
        raise OutputUnwritable(errno.ENOENT, f"cannot write {path}: folder {folder} does"
                                             " not exist")


def _describe(path: Path, exc: OSError) -> str:
    return f"cannot write {path}: {exc.strerror or exc}"


@contextmanager
def replacing(path: Path, *, force: bool = True) -> Iterator[Path]:
    """A temporary path in ``path``'s folder to write to; renamed to ``path`` when the
    block ends without an error (with ``force=False`` never over a file that appeared
    meanwhile), removed otherwise. OS errors become :class:`OutputUnwritable`."""
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.part"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise OutputUnwritable(exc.errno, _describe(path, exc)) from exc
    try:
        yield tmp
        _move(tmp, path, force)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OutputUnwritable):
            raise
        raise OutputUnwritable(exc.errno, _describe(path, exc)) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _move(tmp: Path, path: Path, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if the file appeared since the check
    except FileExistsError:
        raise OutputRefused(f"{path} exists; pass --force to replace it") from None
    except OSError:  # a filesystem without hard links
        if path.exists():
            raise OutputRefused(f"{path} exists; pass --force to replace it") from None
        os.replace(tmp, path)
        return
    tmp.unlink()

"""The export's output file: exactly the path given, complete or not at all.

- The path must name a file in an existing directory reached without symbolic links:
  the directory as the operating system resolves it must be the directory the path
  reads as (``..`` folded lexically), so neither a symlink nor a ``..`` that climbs out
  of a symlinked directory can send the file anywhere but where the path says. An existing output that is a symlink (even a dangling one) or not a
  regular file is refused.
- Every file operation goes through a descriptor of that directory (``dir_fd``), so
  swapping a directory for a symlink after the check changes nothing.
- The data goes to a private temporary file next to the output (mode 0600, created
  exclusively, never following links), is flushed to disk and then renamed into place:
  readers see the old file or the complete new one, and an interrupted export leaves
  no partial file.
- Without ``force`` an existing file is never replaced, even one created by someone
  else while the export ran: the temporary file is hard-linked to the final name, which
  fails if the name exists.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from typing import Iterator, TextIO


class UnsafeOutputPath(ValueError):
    """The output path is refused; the message says why."""


class OutputExists(FileExistsError):
    """The output file exists and ``force`` was not given."""


def _open_directory(directory: str) -> int:
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(directory, flags)
    except FileNotFoundError:
        raise UnsafeOutputPath(f"the directory {directory} does not exist") from None
    except NotADirectoryError:
        raise UnsafeOutputPath(f"{directory} is not a directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeOutputPath(f"{directory} is a symbolic link") from None
        raise UnsafeOutputPath(f"cannot open the directory {directory}: {exc.strerror}") from None


def check_output_path(path: str) -> "tuple[str, str]":
    """``(directory, file name)`` of a safe output path, or :class:`UnsafeOutputPath`."""
    raw = os.fspath(path)
    if not raw or raw.endswith(os.sep) or "\0" in raw:
        raise UnsafeOutputPath("give the output as a file name, e.g. --out export.jsonl")
    given_directory, name = os.path.split(os.path.join(os.getcwd(), raw))
    if name in ("", ".", ".."):
        raise UnsafeOutputPath("give the output as a file name, e.g. --out export.jsonl")
    directory = os.path.normpath(given_directory)  # as it reads: ".." folded lexically
    real = os.path.realpath(given_directory)  # as the operating system resolves it
    if real != directory:
        raise UnsafeOutputPath(
            f"{raw} leads through a symbolic link (its directory is really {real}); "
            "give the real path"
        )
    return directory, name


def _existing(name: str, dir_fd: int) -> "os.stat_result | None":
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _refuse_existing(name: str, dir_fd: int, shown: str, force: bool) -> None:
    current = _existing(name, dir_fd)
    if current is None:
        return
    if stat.S_ISLNK(current.st_mode):
        raise UnsafeOutputPath(f"{shown} is a symbolic link; the export does not follow links")
    if not stat.S_ISREG(current.st_mode):
        raise UnsafeOutputPath(f"{shown} exists and is not a regular file")
    if not force:
        raise OutputExists(f"{shown} exists; pass --force to replace it")


def preflight(path: str, force: bool) -> None:
    """Check the path before any work is done (the same checks run again when writing)."""
    directory, name = check_output_path(path)
    dir_fd = _open_directory(directory)
    try:
        _refuse_existing(name, dir_fd, os.fspath(path), force)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def atomic_output(path: str, force: bool = False) -> Iterator[TextIO]:
    """A text file to write the export to; on success it becomes ``path`` atomically.

    Raises :class:`UnsafeOutputPath` or :class:`OutputExists` before anything is written.
    On an exception inside the block the temporary file is removed and ``path`` is
    untouched.
    """
    shown = os.fspath(path)
    directory, name = check_output_path(shown)
    dir_fd = _open_directory(directory)
    temp_name = f".{name}.{secrets.token_hex(6)}.part"
    handle = None
    created = False
    try:
        _refuse_existing(name, dir_fd, shown, force)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temp_name, flags, 0o600, dir_fd=dir_fd)
        created = True
        handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        _refuse_existing(name, dir_fd, shown, force)
        if force:
            os.replace(temp_name, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        else:
            try:
                os.link(temp_name, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
            except FileExistsError:
                raise OutputExists(f"{shown} was created while exporting; pass --force to replace it") from None
            os.unlink(temp_name, dir_fd=dir_fd)
        os.fsync(dir_fd)
    finally:
        if handle is not None and not handle.closed:
            handle.close()
        if created:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name, dir_fd=dir_fd)
        os.close(dir_fd)


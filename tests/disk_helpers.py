"""Small real file systems for the full-disk and read-only tests (tmpfs; needs root and mount rights)."""

from __future__ import annotations

import contextlib
import errno
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def mount_tmpfs(where: Path, options: str) -> None:
    """Mount a tmpfs at where (made here), options like "ro,size=1m"; skip the test if not allowed."""
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root and mount rights)")


def unmount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], check=False)


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at where for the with-block, unmounted after it whatever happened."""
    mount_tmpfs(where, options)
    try:
        yield where
    finally:
        unmount(where)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte. Unbuffered: a buffered file would try again to write its
    unwritten rest when closed, and fail there."""
    filler = disk / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler

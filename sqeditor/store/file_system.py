"""Whether a report lies on a network share or a removable disk, where SQLite's WAL is unsafe.

WAL keeps its index in a shared-memory file that only processes on one computer share: on SMB
or NFS a reader on another PC would not see it. Reports there are opened in WAL with exclusive
locking (the index then lives in the writer's memory, no shared memory file: SQLite's
documented way to use WAL where shared memory does not work), and the editor says so in its
title bar. `SQEDITOR_FILE_SYSTEM=network|local` forces the answer (tests, and IT units whose
shares are not recognised).
"""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

FORCE_ENV = "SQEDITOR_FILE_SYSTEM"
NETWORK_TYPES = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "ncpfs", "afs", "ceph", "glusterfs",
                 "9p", "davfs", "lustre", "gpfs", "ocfs2", "gfs2"}
REMOVABLE_TYPES = {"vfat", "exfat", "msdos", "fat", "udf", "iso9660"}
DRIVE_REMOVABLE, DRIVE_REMOTE, DRIVE_CDROM = 2, 4, 5


class Location(StrEnum):
    LOCAL = "local"
    NETWORK = "network"
    REMOVABLE = "removable"

    @property
    def shared(self) -> bool:
        """Opened in the safe mode (not plain WAL)."""
        return self is not Location.LOCAL


def location_of(path: Path) -> Location:
    forced = os.environ.get(FORCE_ENV, "").strip().lower()
    if forced in {item.value for item in Location}:
        return Location(forced)
    try:
        if sys.platform == "win32":
            return windows_location(path)
        return linux_location(path)
    except (OSError, ValueError):
        return Location.LOCAL


def linux_location(path: Path, mounts: str | None = None) -> Location:
    """The type of the mount holding path, from /proc/self/mounts (longest mount point wins)."""
    if mounts is None:
        try:
            mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return Location.LOCAL
    real = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    if kind in NETWORK_TYPES or (kind.startswith("fuse.") and kind != "fuse.portal"):
        return Location.NETWORK
    if kind in REMOVABLE_TYPES or kind == "fuseblk":
        return Location.REMOVABLE
    return Location.LOCAL


def windows_location(path: Path, drive_type: Callable[[str], int] | None = None) -> Location:
    """GetDriveTypeW of the path's root; UNC paths (\\\\server\\share) are network shares."""
    absolute = ntpath.abspath(str(path))
    drive = ntpath.splitdrive(absolute)[0]
    if drive.startswith(("\\\\", "//")) and not drive.startswith(("\\\\?\\", "\\\\.\\")):
        return Location.NETWORK  # \\server\share
    root = drive + "\\"
    if drive_type is None:
        import ctypes
        drive_type = ctypes.windll.kernel32.GetDriveTypeW  # type: ignore[attr-defined]
    kind = drive_type(root)
    if kind == DRIVE_REMOTE:
        return Location.NETWORK
    if kind in (DRIVE_REMOVABLE, DRIVE_CDROM):
        return Location.REMOVABLE
    return Location.LOCAL

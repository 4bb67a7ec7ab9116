"""A lock file beside the report, so a second program opens it read-only and knows who holds it.

The lock names its holder (user, machine, process, since when). It is stale when its process
is gone on this machine, or when its holder stopped refreshing it (a crashed PC on a shared
drive); a stale lock is taken over.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

STALE_AFTER_SECONDS = 15 * 60  # holders refresh every few minutes


@dataclass(frozen=True)
class LockHolder:
    """Who holds a report open for writing."""

    user: str
    host: str
    pid: int
    since: str


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def lock_path(report_path: Path) -> Path:
    return report_path.with_name(report_path.name + ".lock")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class ReportLock:
    """Holds the lock file of one report for as long as the report is open for writing."""

    def __init__(self, report_path: Path, user: str | None = None) -> None:
        self.path = lock_path(report_path)
        self.me = LockHolder(
            user=user or current_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.now().isoformat(timespec="seconds"),
        )
        self.held = False

    def read_holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]),
                              str(data["since"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return LockHolder("?", "?", -1, "")  # unreadable: treat as stale below

    def is_stale(self, holder: LockHolder) -> bool:
        if holder.pid < 0:
            return True
        if holder.host == self.me.host:
            return not _process_alive(holder.pid)
        try:
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return True
        return age > STALE_AFTER_SECONDS

    def acquire(self) -> LockHolder | None:
        """Take the lock; return the live holder instead if someone else has it."""
        for _ in range(3):
            holder = self.read_holder()
            if holder is not None and not self.is_stale(holder):
                return holder
            if holder is not None:
                self.path.unlink(missing_ok=True)
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue  # another program took it between our look and our write
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self.me), handle, ensure_ascii=False)
            self.held = True
            return None
        return self.read_holder()

    def refresh(self) -> None:
        """Touch the lock so other machines see the holder is alive."""
        if self.held:
            os.utime(self.path)

    def release(self) -> None:
        if self.held and self.read_holder() == self.me:
            self.path.unlink(missing_ok=True)
        self.held = False

"""Who may write a report: a lock file beside it, and a lock the system holds on the file itself.

Two parts, one protocol:

- The **lock file** `<real name>.lock`, beside the file the name resolves to (so every symlink
  to a report finds the same one), names the holder (user, machine, process and its start
  time, since when) and the state of the report file at open (`ReportStore` uses it to tell
  whether a `-wal` left by a crash belongs to the file). It is created with O_EXCL. A stale one
  (its process gone on this machine or replaced by another with the same number; another
  machine's holder silent for 15 minutes; unreadable, a folder, absurd) is taken over by
  exactly one program: the taker first creates `<lock>.<token>` with O_EXCL, where the token
  is derived from the stale lock's content, checks the lock is still that one, then renames
  its claim over it. Every other program finds the claim taken, reads the new lock and opens
  read-only. Lock files are read with a size cap.
- A **system lock** on one byte of the report file (Linux open-file-description locks,
  Windows `LockFile`): it belongs to the file, not to a name, so hard links to one report
  share it, and the system frees it when a program dies. The byte lies in the page SQLite
  reserves for its own locks and never reads or locks.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import secrets
import socket
import struct
import sys
import time
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

import psutil

STALE_AFTER_SECONDS = 15 * 60  # holders refresh every few minutes
CLAIM_STALE_SECONDS = 30  # a claim left by a taker that died between claiming and renaming
MAX_LOCK_BYTES = 16 * 1024
MAX_PID = 2**31 - 1
RANGE_LOCK_OFFSET = 0x40000000 + 0x200  # SQLite's lock-byte page, past the bytes SQLite locks
UNKNOWN = "?"


@dataclass(frozen=True)
class LockHolder:
    """Who holds a report open for writing, and the report file's state when they opened it."""

    user: str
    host: str
    pid: int
    since: str
    started: float = 0.0  # the holder process's start time, to see a reused process number
    token: str = ""  # unique per lock: what a takeover claims
    fingerprint: str = ""  # the report file at open, or after the holder's last checkpoint
    checkpointing: bool = False  # the holder was writing the -wal into the file

    @property
    def since_text(self) -> str:
        try:
            return datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since

    def describe(self) -> str:
        if self.user == UNKNOWN:
            return "另一個程式（可能經由這份報告的另一個檔名或連結開啟）"
        return f"{self.user}（電腦 {self.host}，自 {self.since_text} 起）"


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def real_path(report_path: Path) -> Path:
    """The file a name resolves to: symlinks and `..` followed, so all names share one lock."""
    return Path(os.path.realpath(report_path))


def lock_path(report_path: Path) -> Path:
    real = real_path(report_path)
    return real.with_name(real.name + ".lock")


def process_started(pid: int) -> float | None:
    """The start time of a live process on this machine; None when there is none.

    psutil probes without signalling (`os.kill(pid, 0)` sends CTRL_C_EVENT on Windows).
    """
    if not 0 < pid <= MAX_PID:
        return None
    try:
        return psutil.Process(pid).create_time()
    except psutil.NoSuchProcess:
        return None
    except (psutil.Error, OSError, OverflowError, ValueError):
        return 0.0  # exists but cannot be inspected: alive, start unknown


def _hostile(token_source: bytes) -> LockHolder:
    """A lock we cannot read as one of ours: stale, with a token from what it holds."""
    return LockHolder(UNKNOWN, UNKNOWN, -1, "", token=hashlib.sha256(token_source).hexdigest()[:16])


class ReportLock:
    """The lock of one report for as long as it is open for writing."""

    def __init__(self, report_path: Path, user: str | None = None, *, system_lock: bool = True) -> None:
        """`system_lock=False`: the lock file alone, as on a share without byte-range locks."""
        self.report_path = real_path(report_path)
        self.path = lock_path(report_path)
        started = process_started(os.getpid()) or 0.0
        self.me = LockHolder(
            user=user or current_user(), host=socket.gethostname(), pid=os.getpid(),
            since=datetime.now().isoformat(timespec="seconds"), started=started,
            token=secrets.token_hex(8))
        self.held = False
        self.previous: LockHolder | None = None  # the stale lock taken over, if any
        self._range = RangeLock(self.report_path if system_lock else None)

    # --- reading -------------------------------------------------------------------------

    def read_holder(self) -> LockHolder | None:
        """The lock's holder; None when there is no lock. Never reads more than MAX_LOCK_BYTES."""
        try:
            info = os.lstat(self.path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return _hostile(f"unstat {exc.errno}".encode())
        if not os.path.isfile(self.path) or os.path.islink(self.path):
            return _hostile(f"other {info.st_ino} {info.st_mtime_ns}".encode())
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(MAX_LOCK_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return _hostile(f"unreadable {info.st_ino} {info.st_mtime_ns} {exc.errno}".encode())
        return parse_holder(raw, info)

    def is_stale(self, holder: LockHolder) -> bool:
        if holder.pid < 0:
            return True
        if holder.host == self.me.host:
            started = process_started(holder.pid)
            if started is None:
                return True
            return bool(holder.started and started and abs(started - holder.started) > 1.0)
        try:
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return True
        return age > STALE_AFTER_SECONDS

    # --- taking and giving back -----------------------------------------------------------

    def acquire(self) -> LockHolder | None:
        """Take the lock; return the live holder instead if someone else has it."""
        if not self._range.acquire():
            holder = self.read_holder()
            if holder is not None and not self.is_stale(holder):
                return holder
            return LockHolder(UNKNOWN, UNKNOWN, -1, "")
        for _ in range(20):
            if self._create():
                self.held = True
                return None
            holder = self.read_holder()
            if holder is None:
                continue  # released between our try and our look
            if not self.is_stale(holder):
                self._range.release()
                return holder
            if self._take_over(holder):
                self.previous, self.held = holder, True
                return None
            time.sleep(0.01)
        self._range.release()
        return self.read_holder() or LockHolder(UNKNOWN, UNKNOWN, -1, "")

    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            return False
        try:
            _write_all(fd, self._record(self.me))
        finally:
            os.close(fd)
        return True

    def _take_over(self, stale: LockHolder) -> bool:
        """Replace the stale lock if this program is the one that claimed it."""
        claim = self.path.with_name(f"{self.path.name}.{stale.token[:16] or 'none'}")
        try:
            fd = os.open(claim, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            _remove_if_old(claim)
            return False
        try:
            try:
                _write_all(fd, self._record(self.me))
            finally:
                os.close(fd)
            now = self.read_holder()
            if now is None or now.token != stale.token:
                return False  # someone took it first, or its holder let it go
            if os.path.isdir(self.path) and not os.path.islink(self.path):
                os.rename(self.path, self.path.with_name(f"{self.path.name}.{stale.token[:16]}.擱置"))
            os.replace(claim, self.path)
            return True
        except OSError:
            return False
        finally:
            with contextlib.suppress(OSError):
                claim.unlink(missing_ok=True)

    def record_state(self, fingerprint: str, *, checkpointing: bool = False) -> bool:
        """Note the report file's state in the lock (for telling whose -wal is whose); False when
        the lock could not be rewritten (the caller must then leave the file as it is)."""
        if not self.held:
            return False
        wanted = replace(self.me, fingerprint=fingerprint, checkpointing=checkpointing)
        tmp = self.path.with_name(f"{self.path.name}.{self.me.token}.new")
        try:
            tmp.write_bytes(self._record(wanted))
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            return False
        self.me = wanted
        return True

    def refresh(self) -> None:
        """Touch the lock so other machines see the holder is alive."""
        if self.held:
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def release(self) -> None:
        if self.held:
            holder = self.read_holder()
            if holder is not None and holder.token == self.me.token:
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)
        self.held = False
        self._range.release()

    @staticmethod
    def _record(holder: LockHolder) -> bytes:
        return json.dumps(asdict(holder), ensure_ascii=False).encode("utf-8")


def parse_holder(raw: bytes, info: os.stat_result) -> LockHolder:
    """A lock file's content as a holder; anything unexpected is a stale, hostile lock."""
    token_source = raw[:MAX_LOCK_BYTES] + f"{info.st_ino} {info.st_mtime_ns} {info.st_size}".encode()
    if len(raw) > MAX_LOCK_BYTES:
        return _hostile(token_source)
    try:
        data = json.loads(raw.decode("utf-8"))
        pid = data["pid"]
        if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid <= MAX_PID:
            return _hostile(token_source)
        started = float(data.get("started", 0.0))
        holder = LockHolder(str(data["user"]), str(data["host"]), pid, str(data["since"]),
                            started if started == started and abs(started) < 1e12 else 0.0,
                            str(data.get("token", "")), str(data.get("fingerprint", "")),
                            bool(data.get("checkpointing", False)))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
        return _hostile(token_source)
    if not holder.token:  # written by an older version: the content is its identity
        holder = replace(holder, token=hashlib.sha256(token_source).hexdigest()[:16])
    return holder


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _remove_if_old(claim: Path) -> None:
    with contextlib.suppress(OSError):
        if time.time() - claim.stat().st_mtime > CLAIM_STALE_SECONDS:
            claim.unlink()


class RangeLock:
    """An exclusive lock the system holds on one byte of the report file, whatever its name."""

    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: no system lock
        self.fd: int | None = None

    def acquire(self) -> bool:
        """False only when another program holds it; True also where such locks are unsupported."""
        if self.path is None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            return True  # no write access: the store opens read-only anyway
        try:
            held = _lock_byte(fd)
        except OSError:
            os.close(fd)
            return True  # this file system has no byte-range locks: the lock file decides alone
        if not held:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)  # closing frees the lock
            self.fd = None


def _lock_byte(fd: int) -> bool:
    """Lock RANGE_LOCK_OFFSET exclusively without waiting; False when someone else has it."""
    if sys.platform == "win32":
        import msvcrt
        os.lseek(fd, RANGE_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import errno
    import fcntl
    command = getattr(fcntl, "F_OFD_SETLK", None)
    if command is None:  # no open-file-description locks (macOS): per-process POSIX locks
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, RANGE_LOCK_OFFSET, os.SEEK_SET)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EAGAIN):
                return False
            raise
        return True
    flock = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, RANGE_LOCK_OFFSET, 1, 0)
    try:
        fcntl.fcntl(fd, command, flock)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True

"""A throwaway X desktop with a real input method: Xvfb, a D-Bus session, ibus with Chewing (注音).

Everything started here carries a marker in its environment, so that every process (the
daemons ibus and D-Bus start on their own included) is found and ended afterwards, even when
a test fails. Keys are typed with xdotool; the screen is grabbed by Qt on the X display.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "dbus-launch", "ibus-daemon", "ibus", "xwininfo", "gsettings")
CHEWING = Path("/usr/share/ibus/component/chewing.xml")
MARKER = "SQEDITOR_X11_DESKTOP"


def missing_tools() -> list[str]:
    """What this machine lacks for a real-IME test (empty when it can run)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not CHEWING.exists():
        missing.append("ibus-chewing")
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if not any((plugins / "platforminputcontexts").glob("*ibus*")):
        missing.append("Qt's ibus plugin")
    try:
        ctypes.CDLL("libX11.so.6")
    except OSError:
        missing.append("libX11")
    return missing


class Desktop:
    """The environment of one X display with ibus running the Chewing engine."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env

    @property
    def display(self) -> str:
        return self.env["DISPLAY"]

    def run(self, *args: str, timeout: float = 20) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=timeout, check=True)
        return done.stdout

    def keys(self, *keys: str, delay_ms: int = 60) -> None:
        """Key names as xdotool knows them (z, slash, space, Return, ctrl+q), typed in order."""
        self.run("xdotool", "key", "--delay", str(delay_ms), *keys)

    def click(self, x: int, y: int) -> None:
        """A left click there (not `mousemove --sync`: it waits 15 s for a motion that never
        comes when the pointer is there already)."""
        self.run("xdotool", "mousemove", str(x), str(y), "click", "1")

    def focus(self, window_id: int) -> None:
        self.run("xdotool", "windowfocus", "--sync", str(window_id))

    def shown_windows(self, name: str) -> list[tuple[int, int, int, int]]:
        """(x, y, width, height) of the mapped top-level windows with this name."""
        found = []
        for line in self.run("xwininfo", "-root", "-children").splitlines():
            parts = line.split()
            if not parts or not parts[0].startswith("0x") or f'"{name}"' not in line:
                continue
            info = self.run("xwininfo", "-id", parts[0])
            if "IsViewable" not in info:
                continue
            fields = dict(item.strip().split(":", 1) for item in info.splitlines() if ":" in item)
            found.append(tuple(int(fields[key]) for key in (  # type: ignore[misc]
                "Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")))
        return found

    def screenshot(self, path: Path) -> None:
        """The whole screen as PNG, grabbed by Qt on this display (no input method of its own)."""
        code = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(sys.argv[:1])\n"
                "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)\n")
        env = dict(self.env, QT_QPA_PLATFORM="xcb", QT_IM_MODULE="")
        subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True, timeout=30)

    def close_window(self, window_id: int) -> None:
        """What a window manager does when the title bar's close button is clicked: send the
        window WM_DELETE_WINDOW (Xvfb has no window manager, so no title bar)."""
        x11 = ctypes.CDLL("libX11.so.6")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                                   ctypes.c_void_p]
        x11.XFlush.argtypes = x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        connection = x11.XOpenDisplay(self.display.encode())
        assert connection, f"cannot open {self.display}"
        try:
            event = _ClientMessage(type=33, window=window_id, format=32)  # 33: ClientMessage
            event.message_type = x11.XInternAtom(connection, b"WM_PROTOCOLS", 0)
            event.data[0] = x11.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
            x11.XSendEvent(connection, window_id, 0, 0, ctypes.byref(event))
            x11.XFlush(connection)
        finally:
            x11.XCloseDisplay(connection)


class _ClientMessage(ctypes.Structure):
    """XClientMessageEvent, padded to the size of an XEvent."""

    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
                ("display", ctypes.c_void_p), ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                ("format", ctypes.c_int), ("data", ctypes.c_long * 5), ("pad", ctypes.c_long * 12)]


@contextmanager
def chewing_desktop(home: Path) -> Iterator[Desktop]:
    """Xvfb on a free display, a D-Bus session and ibus with Chewing, all ended on the way out."""
    home.mkdir(parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "DBUS_", "XDG_"))}
    env.update({MARKER: str(home), "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home / "data"),
                "XDG_RUNTIME_DIR": str(home / "run"), "GTK_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus",
                "QT_IM_MODULE": "ibus", "NO_AT_BRIDGE": "1"})
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        env=env, pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as answer:
            number = answer.readline().strip()
        assert number, "Xvfb found no free display"
        env["DISPLAY"] = f":{number}"
        for line in subprocess.run(["dbus-launch", "--sh-syntax"], env=env, capture_output=True, text=True,
                                   check=True, timeout=20).stdout.splitlines():
            if line.startswith("DBUS_SESSION_BUS_ADDRESS="):
                env["DBUS_SESSION_BUS_ADDRESS"] = line.split("=", 1)[1].rstrip(";").strip("'")
        desktop = Desktop(env)
        for key in ("preload-engines", "engines-order"):  # else ibus's panel sets the US layout again
            desktop.run("gsettings", "set", "org.freedesktop.ibus.general", key, "['chewing']")
        desktop.run("ibus-daemon", "--daemonize", "--xim", "--replace")
        _until(lambda: _succeeds(desktop, "ibus", "engine", "chewing"), "ibus never took the Chewing engine")
        env["IBUS_ADDRESS"] = desktop.run("ibus", "address").strip()
        yield desktop
    finally:
        end_processes(str(home))
        if xvfb.poll() is None:
            xvfb.kill()
        xvfb.wait(10)


def end_processes(marker: str) -> None:
    """End every process whose environment carries this desktop's marker (Xvfb last)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = marked_processes(marker)
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while marked_processes(marker) and time.monotonic() < deadline:
            time.sleep(0.05)


def marked_processes(marker: str) -> list[int]:
    """Running processes started for the desktop with this marker (zombies are ended already)."""
    wanted = f"{MARKER}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if wanted in (entry / "environ").read_bytes().split(b"\0") and \
                    b") Z " not in (entry / "stat").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _succeeds(desktop: Desktop, *args: str) -> bool:
    try:
        desktop.run(*args, timeout=10)
    except subprocess.SubprocessError:
        return False
    return True


def _until(condition, message: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.1)

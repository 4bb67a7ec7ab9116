"""The program opens no network connection in a clerk's whole session (start, edit, check, export, merge).

Python's audit hook kills the session at the first socket it creates; where strace exists, the
system calls of every thread (Qt's too) are checked as well. Local AF_UNIX sockets are allowed:
on Linux the C library asks the name-service cache (nscd) for the user's name through one.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def session_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "HOME": str(tmp_path / "home"), "SQEDITOR_BACKUP_DIR": str(tmp_path / "backups"),
            "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}


def network_calls(trace: str) -> list[str]:
    """System calls that create or use a socket other than a local AF_UNIX one."""
    calls = []
    for line in trace.splitlines():
        if re.search(r"\b(socket|connect|bind|sendto)\(", line) and "AF_UNIX" not in line:
            calls.append(line)
    return calls


@pytest.mark.skipif(sys.platform != "linux", reason="the session script's paths are Linux ones")
def test_a_whole_session_opens_no_network_socket(tmp_path):
    command = [sys.executable, "-m", "tests.no_network_session", str(tmp_path)]
    trace_file = tmp_path / "strace.txt"
    strace = shutil.which("strace")
    if strace:
        command = [strace, "-f", "-qq", "-e", "trace=socket,connect,bind,sendto", "-o", str(trace_file),
                   *command]
    done = subprocess.run(command, cwd=ROOT, env=session_env(tmp_path), capture_output=True, text=True,
                          timeout=600, check=False)
    assert "NETWORK:" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, done.stderr[-3000:]
    for step in ("cli check", "cli export", "cli import", "cli split", "cli merge", "editor: opened"):
        assert step in done.stdout
    assert done.stdout.count("cli export: exit 0") == 4
    assert "cli merge: exit 0" in done.stdout
    if strace:
        assert not network_calls(trace_file.read_text(encoding="utf-8"))


def test_the_watch_itself_catches_a_connection(tmp_path):
    """The audit hook really stops a program that reaches for the network."""
    probe = ("import sys, socket\nfrom tests.no_network_session import refuse_network\n"
             "sys.addaudithook(refuse_network)\nsocket.create_connection(('192.0.2.1', 80), timeout=0.1)\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 97 and "NETWORK: socket." in done.stderr
    assert network_calls("123 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 4")
    assert not network_calls('123 connect(4, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1')

"""A clerk's whole session in one process that dies the moment anything reaches for the network.

Run by tests/test_reliability_no_network.py: `python -m tests.no_network_session FOLDER`.
"""

import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

FORBIDDEN = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
    "http.client.connect", "ftplib.connect", "smtplib.connect", "webbrowser.open",
}


def refuse_network(event: str, args: tuple) -> None:
    if event in FORBIDDEN:
        sys.stderr.write(f"NETWORK: {event} {args!r}\n{''.join(traceback.format_stack())}")
        sys.stderr.flush()
        os._exit(97)  # no except clause in the program can swallow this


def run_cli(*argv: str) -> None:
    from sqeditor.cli import main
    code = main(list(argv))
    print(f"cli {argv[0]}: exit {code}", flush=True)


def session(folder: Path) -> None:
    from sqeditor.store import FieldEdit, ReportStore
    from sqeditor.store.backups import daily_backup_if_due

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from sqeditor.gui.app import create_application
    app = create_application(["sqeditor"])  # first, as when the clerk starts the program
    report = folder / "report.sqreport"
    run_cli("sample", str(report))
    with ReportStore.open(report) as store:
        daily_backup_if_due(store)
        row = next(store.load().rows())
        edits = [FieldEdit(row.id, "comment", "無網路測試"), FieldEdit(row.id, "unit", "資訊室")]
        store.apply(edits, "輸入文字")
        store.search("服務")
        store.history()
    run_cli("check", str(report))
    for suffix in ("json", "docx", "pdf", "xlsx"):
        run_cli("export", str(report), "-o", str(folder / f"out.{suffix}"))
    for suffix in ("json", "docx", "xlsx"):
        run_cli("import", str(folder / f"out.{suffix}"), "-o", str(folder / f"imported-{suffix}.sqreport"))
    run_cli("split", str(report), "--unit", "資訊室", "-o", str(folder / "drafts"))
    draft = next((folder / "drafts").glob("*.sqreport"))
    with ReportStore.open(draft) as store:
        row = next(r for r in store.load().rows() if r.unit == "資訊室")
        store.apply([FieldEdit(row.id, "comment", "草稿的修改")], "輸入文字")
    run_cli("merge", str(report), str(draft))
    open_in_editor(app, report)


def open_in_editor(app: "QApplication", report: Path) -> None:
    """The editor window, offscreen: open the report, show it, close it."""
    from sqeditor.gui.main_window import MainWindow

    window = MainWindow()
    window.open_path(report)
    window.show()
    app.processEvents()
    window.close()
    app.processEvents()
    print("editor: opened and closed", flush=True)


if __name__ == "__main__":
    sys.addaudithook(refuse_network)
    session(Path(sys.argv[1]))
    print("done", flush=True)

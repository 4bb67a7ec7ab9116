"""Documents in other formats (.doc, RTF, HTML, Word 2003 XML, .odt) made .docx by LibreOffice."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from sqeditor.errors import ImportFormatError
from sqeditor.exchange.file_kind import FileKind

CONVERSION_SECONDS = 120
_WINDOWS_PLACES = ("LibreOffice/program/soffice.exe", "LibreOffice 7/program/soffice.exe")
_SUFFIXES = {FileKind.OLE: ".doc", FileKind.RTF: ".rtf", FileKind.HTML: ".html", FileKind.XML: ".xml",
             FileKind.ODT: ".odt"}


def find_soffice() -> str | None:
    """LibreOffice's soffice on the PATH, or in its usual Windows folder."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        for place in _WINDOWS_PLACES:
            if root and (Path(root) / place).is_file():
                return str(Path(root) / place)
    return None


def convert_to_docx(source: Path, out_dir: Path, kind: FileKind) -> Path:
    """The .docx LibreOffice writes from `source` into `out_dir`; refused with a message otherwise."""
    what = "舊版 Word 97-2003 文件（.doc）" if kind is FileKind.OLE else kind.value
    save_as = (f"「{source.name}」是{what}。請在 Word 開啟後「另存新檔」，"
               "存檔類型選「Word 文件 (*.docx)」，再匯入。")
    soffice = find_soffice()
    if soffice is None:
        raise ImportFormatError(save_as + "（這台電腦沒有安裝 LibreOffice，無法自動轉換。）")
    # LibreOffice picks its reader by the name and writes the output after it: a plain copy.
    staged = out_dir / f"source{_SUFFIXES.get(kind, '.doc')}"
    try:
        shutil.copyfile(source, staged)
    except OSError as exc:
        raise ImportFormatError(save_as + f"（無法複製檔案以供轉換：{exc.strerror or exc}。）") from exc
    # A private profile: a running LibreOffice or a damaged user profile cannot block the conversion.
    # Windows may still hold a killed soffice's files: a profile left behind is no reason to fail.
    with tempfile.TemporaryDirectory(prefix="sqeditor-lo-", ignore_cleanup_errors=True) as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir),
                   str(staged)]
        try:
            _run(command)
        except subprocess.TimeoutExpired as exc:
            raise ImportFormatError(
                save_as + f"（LibreOffice 在 {CONVERSION_SECONDS} 秒內未完成轉換。）") from exc
        except OSError as exc:
            raise ImportFormatError(save_as + f"（無法執行 LibreOffice：{exc.strerror}。）") from exc
    converted = out_dir / "source.docx"
    if not converted.is_file() or converted.stat().st_size == 0:
        raise ImportFormatError(save_as + "（LibreOffice 無法轉換這個檔案，可能已損毀或設有開啟密碼。）")
    return converted


def _run(command: list[str]) -> None:
    """Run soffice; on timeout its whole process group goes (soffice is a script that starts soffice.bin)."""
    own_group = os.name != "nt"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=own_group)
    try:
        process.wait(timeout=CONVERSION_SECONDS)
    except subprocess.TimeoutExpired:
        if own_group:
            os.killpg(process.pid, signal.SIGKILL)
        else:  # soffice.exe starts soffice.bin, which would go on holding the files
            _kill_tree(process.pid)
        process.wait()
        raise


def _kill_tree(pid: int) -> None:
    """Kill a process and everything it started (Windows has no process groups to signal)."""
    import psutil

    try:
        parent = psutil.Process(pid)
        family = [*parent.children(recursive=True), parent]
    except psutil.Error:
        return
    for process in family:
        with contextlib.suppress(psutil.Error):
            process.kill()

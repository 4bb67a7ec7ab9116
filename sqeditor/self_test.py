"""`sqeditor --self-test`: proves an installed or bundled program finds every data file it loads.

A PyInstaller bundle silently misses data files that no import statement names (OpenCC's
dictionaries, python-docx's template parts, our resources and translations); the program
then fails only when a clerk reaches that feature. This check loads each family once and
prints one line per check, so IT staff (and CI, on the Linux bundle) can see a complete
install at a glance. Exit code 0 when everything loaded, 1 otherwise.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqeditor.cli_text import tr
from sqeditor.resource_files import resource_path, resources_dir

Check = Callable[[], str]  # returns what it proved; raises when something is missing


def check_resources() -> str:
    from sqeditor.exchange.builtin_reports import builtin_sample, builtin_template

    template, sample = builtin_template(), builtin_sample()
    packs = sorted(resource_path("rules").glob("*.toml"))
    if not packs:
        raise FileNotFoundError(resource_path("rules", "*.toml"))
    rules = sum(len(tomllib.loads(pack.read_text(encoding="utf-8")).get("rule", [])) for pack in packs)
    return (f"template {len(list(template.rows()))} rows, sample {len(list(sample.rows()))} rows, "
            f"{len(packs)} rule packs with {rules} rules")


def check_opencc() -> str:
    """Every dictionary each shipped configuration names exists; the one the program uses converts."""
    import opencc

    from sqeditor.chinese_text import to_taiwan_traditional

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    configs = sorted(share.glob("*.json"))
    if not configs:
        raise FileNotFoundError(share / "*.json")
    for config in configs:
        for name in _dictionary_files(json.loads(config.read_text(encoding="utf-8"))):
            if not (share / name).is_file():
                raise FileNotFoundError(share / name)
    converted = to_taiwan_traditional("软件与网络")
    if converted != "軟體與網路":
        raise ValueError(f"OpenCC gave {converted}")
    return f"{len(configs)} configurations; s2twp 软件与网络 → {converted}"


def _dictionary_files(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["file"]} if isinstance(node.get("file"), str) else set()
        return found.union(*(_dictionary_files(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_dictionary_files(value) for value in node))
    return set()


def check_docx() -> str:
    """python-docx builds every new document from its templates/ folder."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.add_paragraph("頁首")
    section.footer.add_paragraph("頁尾")
    run = document.add_paragraph("本文").runs[0]
    document.add_comment(run, text="意見", author="sqeditor")
    document.save(io.BytesIO())
    return "default.docx, header, footer, comments"


def check_xlsx() -> str:
    """A workbook written as the export writes it (XlsxWriter) and read back (openpyxl)."""
    import openpyxl
    import xlsxwriter

    from sqeditor.exchange.xlsx_text import WORKBOOK_OPTIONS

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    book.add_worksheet().write_string(0, 0, "評核項目")
    book.close()
    if openpyxl.load_workbook(buffer, read_only=True).active["A1"].value != "評核項目":
        raise ValueError("xlsx read back differs")
    return f"XlsxWriter {xlsxwriter.__version__}, openpyxl {openpyxl.__version__}"


def check_translations() -> str:
    """Our built .qm files and Qt's own Chinese strings (dialog buttons) load."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = resources_dir().parent / "translations"
    ours = sorted(folder.glob("*.qm"))
    if getattr(sys, "frozen", False) and folder / "sqeditor_zh_TW.qm" not in ours:
        raise FileNotFoundError(folder / "sqeditor_zh_TW.qm")  # a source tree may not have built it yet
    for qm in ours:
        if not QTranslator().load(str(qm)):
            raise ValueError(f"cannot load {qm}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_zh_TW", qt_dir):
        raise FileNotFoundError(Path(qt_dir) / "qtbase_zh_TW.qm")
    return ", ".join(qm.name for qm in ours) + (", " if ours else "") + "qtbase_zh_TW.qm"


CHECKS: dict[str, Check] = {
    tr("內建範本、範例與規則", "template, sample, rules"): check_resources,
    tr("OpenCC 繁簡字典", "OpenCC dictionaries"): check_opencc,
    tr("Word 範本（python-docx）", "Word templates (python-docx)"): check_docx,
    tr("Excel（XlsxWriter、openpyxl）", "Excel (XlsxWriter, openpyxl)"): check_xlsx,
    tr("介面翻譯", "translations"): check_translations,
}


def run_checks() -> bool:
    """Print one line per check; True when all passed."""
    passed = True
    for label, check in CHECKS.items():
        try:
            line = f"OK    {label}：{check()}"
        except Exception as exc:  # report every failure, not only the first
            passed = False
            line = f"FAIL  {label}：{type(exc).__name__}: {exc}"
        print(line, flush=True)
    return passed


class SelfTestAction(argparse.Action):
    """`--self-test`: run the checks and exit, like `--version`."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help=tr("檢查程式能否載入所有資料檔後結束",
                                 "check that every data file loads, then exit"))

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> NoReturn:
        if isinstance(sys.stdout, io.TextIOWrapper):  # a cp950 pipe cannot show 软件: escape it
            sys.stdout.reconfigure(errors="backslashreplace")
        sys.exit(0 if run_checks() else 1)

"""The `sqeditor` command: open the editor, or work on reports without a display."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from sqeditor import __version__
from sqeditor.cli_text import tr
from sqeditor.errors import SqeditorError
from sqeditor.exchange.formats import ExportOptions, read_report, write_report
from sqeditor.model import Period, Report, Status, format_roc_date, parse_roc_date
from sqeditor.resource_files import resource_path
from sqeditor.store import ReportStore

EXIT_USER_ERROR = 2


def builtin_sample() -> Report:
    """The real 110H2 report shipped with the program."""
    from sqeditor.exchange.json_format import read_json
    return read_json(resource_path("sample-110H2.json"))


def builtin_template() -> Report:
    """The criteria hierarchy without results or metadata."""
    from sqeditor.exchange.json_format import read_json
    return read_json(resource_path("template.json"))


def cmd_new(args: argparse.Namespace) -> int:
    if args.template in (None, "builtin"):
        report = builtin_template()
    else:
        report = read_report(Path(args.template), results=False)
        report.units = []
    meta = report.meta
    meta.title_override = ""
    meta.ministry = args.ministry or meta.ministry
    meta.agency = args.agency or meta.agency
    meta.roc_year = args.year or meta.roc_year
    if args.period:
        meta.period = Period(args.period)
    if args.cutoff:
        meta.cutoff = _parse_cutoff(args.cutoff)
    ReportStore.create(Path(args.out), report).close()
    print(tr(f"已建立 {args.out}", f"Created {args.out}"))
    return 0


def _parse_cutoff(text: str):
    try:
        return parse_roc_date(text)
    except ValueError as exc:
        raise SqeditorError(tr(f"資料截止日期「{text}」看不懂，請寫成 110-12-10 或 110年12月10日。",
                               f"Cannot read the cutoff date {text!r}; write it as 110-12-10.")) from exc


def cmd_sample(args: argparse.Namespace) -> int:
    ReportStore.create(Path(args.out), builtin_sample()).close()
    print(tr(f"已寫出範例報告 {args.out}", f"Wrote the sample report to {args.out}"))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    report = read_report(Path(args.source), results=args.results)
    ReportStore.create(Path(args.out), report).close()
    print(tr(f"已匯入 {args.source} → {args.out}（{sum(1 for _ in report.rows())} 列）",
             f"Imported {args.source} → {args.out} ({sum(1 for _ in report.rows())} rows)"))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    report = read_report(Path(args.source))
    options = ExportOptions(sections=[s - 1 for s in args.section], unit=args.unit or "",
                            draft=args.draft, landscape=args.landscape)
    write_report(report, Path(args.out), options)
    print(tr(f"已匯出 {args.out}", f"Exported {args.out}"))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    report = read_report(Path(args.source))
    print(info_text(report))
    return 0


def info_text(report: Report) -> str:
    """Metadata, counts of rows per status and unit, and characters written."""
    meta = report.meta
    rows = list(report.rows())
    lines = [
        meta.title,
        tr(f"部會：{meta.ministry}", f"Ministry: {meta.ministry}"),
        tr(f"機關名稱：{meta.agency}", f"Agency: {meta.agency}"),
        tr(f"期間：{meta.roc_year} 年度{meta.period}", f"Period: ROC {meta.roc_year} {meta.period}"),
        tr("資料截止日期：", "Cutoff date: ") + (format_roc_date(meta.cutoff) if meta.cutoff else "—"),
        tr(f"構面 {len(report.sections)} 個，評核列 {len(rows)} 列，已寫 {sum(r.char_count for r in rows)} 字",
           f"{len(report.sections)} sections, {len(rows)} rows, "
           f"{sum(r.char_count for r in rows)} characters written"),
    ]
    statuses = Counter(r.status for r in rows)
    lines.append(tr("狀態：", "Status: ") + "、".join(f"{s} {statuses[s]}" for s in Status))
    units = Counter(r.unit or tr("（未指派）", "(unassigned)") for r in rows)
    lines.append(tr("承辦單位：", "Units: ") + "、".join(f"{u} {n}" for u, n in units.items()))
    if report.draft:
        lines.append(tr(f"這是「{report.draft.unit}」的草稿", f"Draft for {report.draft.unit}"))
    return "\n".join(lines)


def cmd_gui(args: argparse.Namespace) -> int:
    from sqeditor.gui.app import run_gui
    return run_gui([args.file] if args.file else [])


Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sqeditor",
        description=tr("提升服務品質自行評核報告編輯器。不加子命令則開啟編輯器。",
                       "Editor for the service-quality self-assessment report. "
                       "Without a command it opens the editor."))
    parser.add_argument("--version", action="version", version=f"sqeditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=tr("命令", "COMMAND"))

    p = sub.add_parser("new", help=tr("由範本建立新報告", "create a report from a template"))
    p.add_argument("out", help=tr("新報告檔（.sqreport）", "new report file (.sqreport)"))
    p.add_argument("--template", help=tr("builtin（預設）或報告檔", "builtin (default) or a report file"))
    p.add_argument("--ministry", help=tr("部會", "ministry"))
    p.add_argument("--agency", help=tr("機關名稱", "agency"))
    p.add_argument("--year", type=int, help=tr("民國年度", "ROC year"))
    p.add_argument("--period", choices=[str(x) for x in Period], help=tr("期間", "period"))
    p.add_argument("--cutoff", help=tr("資料截止日期，如 110-12-10", "cutoff date, e.g. 110-12-10"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("sample", help=tr("寫出內建範例報告", "write the built-in sample report"))
    p.add_argument("out")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("import", help=tr("由其他格式匯入成報告檔", "import another format as a report"))
    p.add_argument("source", help=tr("來源檔（.json/.docx/.xlsx）", "source file (.json/.docx/.xlsx)"))
    p.add_argument("-o", "--out", required=True)
    p.add_argument("--results", action=argparse.BooleanOptionalAction, default=True,
                   help=tr("是否一併匯入評核結果說明", "bring the result texts along"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help=tr("匯出成 JSON、Word、PDF 或 Excel", "export to JSON/Word/PDF/Excel"))
    p.add_argument("source")
    p.add_argument("-o", "--out", required=True, help=tr("輸出檔，格式依副檔名", "output; format by extension"))
    p.add_argument("--section", type=int, action="append", default=[],
                   help=tr("只匯出第 N 個構面（可重複）", "only section N (repeatable)"))
    p.add_argument("--unit", help=tr("只匯出此單位的列", "only this unit's rows"))
    p.add_argument("--draft", action="store_true",
                   help=tr("草稿版：標出未填並顯示承辦單位", "draft: mark empty results, show units"))
    p.add_argument("--landscape", action="store_true", help=tr("橫向頁面", "landscape pages"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help=tr("顯示報告摘要", "show a summary of a report"))
    p.add_argument("source")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("gui", help=tr("開啟編輯器", "open the editor"))
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (len(argv) == 1 and argv[0].lower().endswith(".sqreport")):
        argv = ["gui", *argv]
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return EXIT_USER_ERROR
    try:
        return args.func(args)
    except SqeditorError as exc:
        print(tr("錯誤：", "Error: ") + exc.message, file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())

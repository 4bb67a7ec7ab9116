"""The `sqeditor` command: open the editor, or work on reports without a display."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqeditor import __version__
from sqeditor.cli_text import tr
from sqeditor.errors import SqeditorError
from sqeditor.exchange.builtin_reports import builtin_sample, builtin_template
from sqeditor.exchange.formats import ExportOptions
from sqeditor.file_formats import (
    RECORDED_EXPORTS,
    export_recorded,
    import_report,
    read_report,
    read_returned,
    write_report,
)
from sqeditor.model import Period, Report, Status, format_roc_date, parse_roc_date
from sqeditor.self_test import SelfTestAction
from sqeditor.store import ReportStore

EXIT_USER_ERROR = 2


def cmd_new(args: argparse.Namespace) -> int:
    if args.template in (None, "builtin"):
        report = builtin_template()
    else:
        from sqeditor.last_period import new_period_from
        report = new_period_from(Path(args.template))
    meta = report.meta
    meta.title_override = ""
    meta.ministry = args.ministry or meta.ministry
    meta.agency = args.agency or meta.agency
    meta.roc_year = args.year or meta.roc_year
    if args.period:
        meta.period = Period(args.period)
    if args.cutoff:
        meta.cutoff = _parse_cutoff(args.cutoff)
    with ReportStore.create(Path(args.out), report) as store:
        print(tr(f"已建立 {args.out}", f"Created {args.out}"))
        if args.template not in (None, "builtin"):
            _link(store, Path(args.template), show_all=False)
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
    imported = import_report(Path(args.source), results=args.results)
    report = imported.report
    ReportStore.create(Path(args.out), report).close()
    print(tr(f"已匯入 {args.source} → {args.out}（{sum(1 for _ in report.rows())} 列）",
             f"Imported {args.source} → {args.out} ({sum(1 for _ in report.rows())} rows)"))
    if imported.notes:
        print(tr(f"匯入時推定或未匯入的內容（{len(imported.notes)} 項），請核對：",
                 f"Guessed or left out on import ({len(imported.notes)}), please check:"))
        print("\n".join(f"  - {note}" for note in imported.notes))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sqeditor.last_period import read_linked
    if not (args.target or args.out):
        raise SqeditorError(tr("請指定輸出檔，例如 sqeditor export r.sqreport r.docx。",
                               "Name the output file, e.g. sqeditor export r.sqreport r.docx."))
    source, out = Path(args.source), Path(args.out or args.target)
    if args.review and (source.suffix.lower() != ".sqreport" or out.suffix.lower() != ".docx"):
        raise SqeditorError(tr("審閱版（--review）由報告檔（.sqreport）匯出成 Word 檔（.docx）。",
                               "--review exports a report file (.sqreport) to Word (.docx)."))
    if args.review and args.against_last:
        raise SqeditorError(tr("--review 與 --against-last 請擇一：一份 Word 檔只標示一種修訂。",
                               "Choose --review or --against-last: one Word file marks one kind of change."))
    if args.against_last and out.suffix.lower() != ".docx":
        raise SqeditorError(tr(f"--against-last 只能匯出成 Word 檔（.docx），「{out.name}」不行。",
                               f"--against-last writes Word files (.docx) only, not {out.name}."))
    report, link = read_linked(source)
    if args.against_last and link is None:
        raise SqeditorError(tr(f"「{args.source}」沒有連結上期報告；請先執行 sqeditor link。",
                               f"{args.source} is not linked to last period's report; run sqeditor link."))
    options = ExportOptions(sections=[s - 1 for s in args.section], unit=args.unit or "",
                            draft=args.draft, landscape=args.landscape,
                            last_texts=link.texts() if link else None, against_last=args.against_last)
    held = ""  # why the report could not record the export, when it was open elsewhere
    if source.suffix.lower() != ".sqreport":
        write_report(report, out, options)
        export_id = ""
    else:  # the report records what the export held, so the file can come back and merge
        with ReportStore.open(source) as store:
            if args.review:
                from sqeditor.exchange.review_changes import review_options
                options = review_options(store, report, args.review, options)
            export_id = export_recorded(store, report, out, options)
            if store.read_only and out.suffix.lower() in RECORDED_EXPORTS:
                held = _held_by(store)
    recorded = tr(f"（匯出編號 {export_id}，傳回時可合併）", f" (export id {export_id}: merges back)")
    print(tr(f"已匯出 {out}", f"Exported {out}") + (recorded if export_id else ""))
    if held:
        print(tr(f"「{source.name}」{held}：匯出內容沒有記錄在報告裡，傳回時每項差異都會列出待決定。",
                 f"{source.name} is open elsewhere: this export is not recorded in the report; "
                 "returned, every difference waits for a decision."))
    if args.review:
        count = len(options.revisions)
        print(tr(f"審閱版：{count} 列自 {args.review} 起有修改，以 Word 修訂標示（作者為單位）。",
                 f"For review: {len(options.revisions)} rows changed since {args.review}, "
                 "shown as Word revisions by unit."))
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    report = read_report(Path(args.source))
    print(info_text(report))
    return 0


def info_text(report: Report) -> str:
    """Metadata, counts of rows per status and unit, and characters written."""
    meta = report.meta
    rows = list(report.rows())
    chars = sum(r.char_count for r in rows)
    lines = [
        meta.title,
        tr(f"部會：{meta.ministry}", f"Ministry: {meta.ministry}"),
        tr(f"機關名稱：{meta.agency}", f"Agency: {meta.agency}"),
        tr(f"期間：{meta.roc_year} 年度{meta.period}", f"Period: ROC {meta.roc_year} {meta.period}"),
        tr("資料截止日期：", "Cutoff date: ") + (format_roc_date(meta.cutoff) if meta.cutoff else "—"),
        tr(f"構面 {len(report.sections)} 個，評核列 {len(rows)} 列，已寫 {chars} 字",
           f"{len(report.sections)} sections, {len(rows)} rows, {chars} characters written"),
    ]
    statuses = Counter(r.status for r in rows)
    lines.append(tr("狀態：", "Status: ") + "、".join(f"{s} {statuses[s]}" for s in Status))
    units = Counter(r.unit or tr("（未指派）", "(unassigned)") for r in rows)
    lines.append(tr("承辦單位：", "Units: ") + "、".join(f"{u} {n}" for u, n in units.items()))
    if report.draft:
        lines.append(tr(f"這是「{report.draft.unit}」的草稿", f"Draft for {report.draft.unit}"))
    return "\n".join(lines)


def cmd_split(args: argparse.Namespace) -> int:
    from sqeditor.atomic_output import output_error
    from sqeditor.merge import split_drafts
    from sqeditor.merge.draft_names import draft_file_names
    out_dir, source = Path(args.out), Path(args.source)
    with ReportStore.open(source) as store:  # writable, if free: it notes the split
        report = store.load()
        names = draft_file_names(report, list(dict.fromkeys(args.unit)))
        created = not out_dir.is_dir()
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise output_error(out_dir / names[args.unit[0]], exc) from exc
        try:
            paths = split_drafts(store, args.unit, out_dir)
        except SqeditorError:
            if created:  # a folder made for drafts that could not be written: not left behind
                with contextlib.suppress(OSError):
                    out_dir.rmdir()
            raise
        if store.read_only:
            print(tr(f"「{source.name}」{_held_by(store)}：草稿已寫出，但這次的分割時間沒有記在報告裡"
                     "（審閱版 --review split 仍以先前記下的分割為準，或改用今天的日期）。",
                     f"{source.name} is open elsewhere: drafts written, split time not noted."))
    for unit, path in zip(dict.fromkeys(args.unit), paths, strict=True):
        count = sum(1 for r in report.rows() if r.unit == unit)
        print(tr(f"已寫出「{unit}」的草稿 {path}（負責 {count} 列）",
                 f"Wrote the draft for {unit}: {path} ({count} rows)"))
        kept = names[unit]
        if path.name != kept:
            print(tr(f"  資料夾裡已有「{kept}」，保留原檔不覆蓋，新草稿另存為「{path.name}」。",
                     f"  {kept} was already there and is kept; the new draft is {path.name}."))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from sqeditor.exchange.xlsx_text import write_text_table
    from sqeditor.merge import AlreadyMergedError, DraftMerger
    from sqeditor.merge.merge_report import (
        COLUMN_WIDTHS,
        SHEET_NAME,
        check_report_target,
        report_table,
        report_text,
    )
    from sqeditor.store.merge_records import open_conflicts
    if args.report:  # before merging: a merge committed and its report refused helps nobody
        check_report_target(Path(args.report))
    with ReportStore.open(Path(args.source)) as store:
        if store.read_only:
            raise SqeditorError(tr(f"「{args.source}」{_held_by(store)}，無法合併。",
                                   f"{args.source} is open elsewhere (read-only); cannot merge."))
        merger = DraftMerger(store, read_other=read_returned)
        outcomes = merger.merge_all([Path(d) for d in args.drafts], args.resolve)
        still_open = len(open_conflicts(store))
    print(report_text(outcomes))
    if still_open:
        print(tr(f"報告中尚有 {still_open} 個衝突待處理（兩邊內容都已保存），"
                 "請在編輯器的「工具 → 合併草稿」處理，或加上 --resolve mine|theirs|both 重新合併。",
                 f"{still_open} conflicts remain open (both texts kept); resolve them in the editor."))
    if args.report:
        check_report_target(Path(args.report))  # still only an earlier merge report there
        write_text_table(Path(args.report), SHEET_NAME, report_table(outcomes), COLUMN_WIDTHS)
        print(tr(f"已寫出合併報告 {args.report}", f"Wrote the merge report {args.report}"))
    refused = [o for o in outcomes if o.error and not isinstance(o.error, AlreadyMergedError)]
    return EXIT_USER_ERROR if refused else 0


def _held_by(store: ReportStore) -> str:
    """Why a report opened read-only, naming who holds it."""
    if store.lock_holder is not None:
        return f"正由 {store.lock_holder.describe()} 開啟編輯中（唯讀）"
    return "所在的位置不能寫入（唯讀）"


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from sqeditor.last_period import read_linked
    from sqeditor.rules import Checker, Severity
    from sqeditor.rules.finding import actionable
    from sqeditor.rules.report_output import findings_json, findings_text, summary_line
    source = Path(args.source)
    report, link = read_linked(source, Path(args.last) if args.last else None)
    ignored = set()
    if source.suffix.lower() == ".sqreport":
        with ReportStore.open(source, read_only=True) as store:
            ignored = store.ignored_findings()
    period = link.context(report) if link else None
    findings = actionable(Checker.for_report(report, ignored, period).check_report(report),
                          template=args.template)
    shown = [f for f in findings if f.severity.rank <= Severity(args.severity).rank]
    if args.json:
        print(json.dumps(findings_json(report, shown), ensure_ascii=False, indent=1))
    else:
        print(findings_text(report, shown) + summary_line(shown))
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def cmd_link(args: argparse.Namespace) -> int:
    source = Path(args.source)
    if source.suffix.lower() != ".sqreport":
        raise SqeditorError(tr(f"只能連結報告檔（.sqreport）；請先用 import 匯入「{source.name}」。",
                               f"link works on .sqreport files; import {source.name} first."))
    with ReportStore.open(source) as store:
        if store.read_only:
            raise SqeditorError(tr(f"「{source.name}」正被其他人或程式開啟（唯讀），無法連結。",
                                   f"{source.name} is open elsewhere (read-only); cannot link."))
        _link(store, Path(args.last), show_all=args.all)
    return 0


def _link(store: ReportStore, last_path: Path, *, show_all: bool) -> None:
    """Link and print the matches: reworded criteria with their confidence, unmatched rows."""
    from sqeditor.last_period import PeriodLink, link_last_period
    last = link_last_period(store, last_path)
    report = store.load()
    link = PeriodLink.of(report, last)
    low = 0
    for row in report.rows():
        match = link.matches.get(row.id)
        if match is None:
            print(tr(f"  —     本期「{row.title}」：上期沒有對應的列", f"  —     {row.title}: no match"))
        elif show_all or match.how == "fuzzy":
            low += match.low
            flag = tr("　⚠ 信心偏低，請確認", "  ⚠ low confidence, please check") if match.low else ""
            print(f"  {match.confidence:.2f}  「{row.title}」 ← 「{match.last.title}」{flag}")
    rows = sum(1 for _ in report.rows())
    fuzzy = sum(m.how == "fuzzy" for m in link.matches.values())
    print(tr(f"已連結上期報告 {last_path}（{last.label}，{len(last.rows)} 列）：本期 {rows} 列中 "
             f"{len(link.matches)} 列有對應（{fuzzy} 列依相似度，其中 {low} 列信心偏低），"
             f"{rows - len(link.matches)} 列沒有對應。",
             f"Linked last period's report {last_path} ({len(last.rows)} rows): {len(link.matches)} "
             f"of {rows} rows matched ({fuzzy} by likeness, {low} with low confidence)."))


def cmd_fix(args: argparse.Namespace) -> int:
    from sqeditor.rules import Checker
    from sqeditor.rules.fixing import plan_fixes
    from sqeditor.rules.report_output import fixes_diff
    from sqeditor.store.edits import FieldEdit
    source = Path(args.source)
    if source.suffix.lower() != ".sqreport":
        raise SqeditorError(tr(f"只能修正報告檔（.sqreport）；請先用 import 匯入「{source.name}」。",
                               f"fix works on .sqreport files; import {source.name} first."))
    rules = {r.strip() for item in args.rule for r in item.split(",") if r.strip()}
    with ReportStore.open(source, read_only=args.dry_run) as store:
        if store.read_only and not args.dry_run:
            raise SqeditorError(tr(f"「{source.name}」{_held_by(store)}，無法修正。",
                                   f"{source.name} is open elsewhere (read-only); cannot fix."))
        report = store.load()
        checker = Checker.for_report(report, store.ignored_findings())
        if rules - set(checker.rules):
            raise SqeditorError(tr(f"沒有這些規則：{'、'.join(sorted(rules - set(checker.rules)))}。",
                                   f"No such rules: {', '.join(sorted(rules - set(checker.rules)))}."))
        values = plan_fixes(report, checker, rules)
        print(fixes_diff(report, values) or tr("沒有可以自動修正的地方。", "Nothing to fix."))
        if values and not args.dry_run:
            store.apply([FieldEdit(n, f, v) for (n, f), v in values.items()], "套用建議修正")
    if values:
        print(tr(f"{'（試跑，未寫入）' if args.dry_run else '已修正'} {len(values)} 個欄位。",
                 f"{'Would fix' if args.dry_run else 'Fixed'} {len(values)} fields."))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from sqeditor.gui.app import run_gui
    return run_gui([args.file] if args.file else [])



def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sqeditor",
        description=tr("提升服務品質自行評核報告編輯器。不加子命令則開啟編輯器。",
                       "Editor for the service-quality self-assessment report. "
                       "Without a command it opens the editor."))
    parser.add_argument("--version", action="version", version=f"sqeditor {__version__}")
    parser.add_argument("--self-test", action=SelfTestAction)
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
    p.add_argument("source", help=tr("來源檔（.json/.docx/.doc/.xlsx）",
                                     "source file (.json/.docx/.doc/.xlsx)"))
    p.add_argument("-o", "--out", required=True)
    p.add_argument("--results", action=argparse.BooleanOptionalAction, default=True,
                   help=tr("是否一併匯入評核結果說明", "bring the result texts along"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help=tr("匯出成 JSON、Word、PDF 或 Excel", "export to JSON/Word/PDF/Excel"))
    p.add_argument("source")
    p.add_argument("target", nargs="?", help=tr("輸出檔，格式依副檔名", "output; format by extension"))
    p.add_argument("-o", "--out", help=tr("輸出檔（同上）", "output (as above)"))
    p.add_argument("--review", metavar="SINCE",
                   help=tr("審閱版 Word 檔：自此以後各單位的修改以修訂標示；SINCE 為 split（上次分割）、"
                           "last-export（上次匯出）或日期如 2026-11-01",
                           "Word for review: each unit's changes since SINCE as tracked revisions; "
                           "SINCE is split, last-export or a date such as 2026-11-01"))
    p.add_argument("--section", type=int, action="append", default=[],
                   help=tr("只匯出第 N 個構面（可重複）", "only section N (repeatable)"))
    p.add_argument("--unit", help=tr("只匯出此單位的列", "only this unit's rows"))
    p.add_argument("--draft", action="store_true",
                   help=tr("草稿版：標出未填並顯示承辦單位", "draft: mark empty results, show units"))
    p.add_argument("--landscape", action="store_true", help=tr("橫向頁面", "landscape pages"))
    p.add_argument("--against-last", action="store_true",
                   help=tr("Word：以修訂標示本期相對上期報告的改動（需先 link）",
                           "Word: this period's text as tracked changes against last period's (needs link)"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help=tr("顯示報告摘要", "show a summary of a report"))
    p.add_argument("source")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("split", help=tr("分割成各承辦單位的草稿", "split into drafts for units"))
    p.add_argument("source", help=tr("報告檔（.sqreport）", "report file (.sqreport)"))
    p.add_argument("--unit", action="append", required=True,
                   help=tr("承辦單位（可重複）", "unit (repeatable)"))
    p.add_argument("-o", "--out", required=True, help=tr("草稿輸出資料夾", "folder for the drafts"))
    p.set_defaults(func=cmd_split)

    p = sub.add_parser("merge", help=tr("把草稿合併回報告", "merge drafts back into the report"))
    p.add_argument("source", help=tr("報告檔（.sqreport）", "report file (.sqreport)"))
    p.add_argument("drafts", nargs="+", help=tr("草稿檔", "draft files"))
    p.add_argument("--resolve", choices=["mine", "theirs", "both"],
                   help=tr("衝突時：保留報告的、採用草稿的、兩者都保留；不加則留待處理",
                           "on conflict keep mine, take theirs, or keep both; default: leave open"))
    p.add_argument("--report", help=tr("另存合併報告（.xlsx）", "also write the merge report (.xlsx)"))
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("check", help=tr("檢查公文寫作規則", "check the writing rules"))
    p.add_argument("source", help=tr("報告檔或可匯入的檔案", "report file or any importable file"))
    p.add_argument("--json", action="store_true", help=tr("輸出 JSON", "print JSON"))
    p.add_argument("--severity", choices=["error", "warning", "info"], default="info",
                   help=tr("只列出此等級以上的問題", "list findings of at least this severity"))
    p.add_argument("--last", help=tr("與這份上期報告比對（預設：報告檔已連結的上期報告）",
                                     "compare with this last-period report (default: the linked one)"))
    p.add_argument("--template", action="store_true",
                   help=tr("也檢查固定的評核項目與參考標準文字（範本編輯用）",
                           "also check the fixed criteria and standards text (for template editing)"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("link", help=tr("連結上期報告，逐列對應", "link last period's report, row by row"))
    p.add_argument("source", help=tr("本期報告檔（.sqreport）", "this period's report (.sqreport)"))
    p.add_argument("last", help=tr("上期報告（.sqreport/.docx/.xlsx/.json）",
                                   "last period's report (.sqreport/.docx/.xlsx/.json)"))
    p.add_argument("--all", action="store_true",
                   help=tr("列出每一列的對應（預設只列重新措辭與未對應的列）",
                           "list every match (default: reworded and unmatched rows only)"))
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("fix", help=tr("套用安全的建議修正", "apply the safe suggested fixes"))
    p.add_argument("source", help=tr("報告檔（.sqreport）", "report file (.sqreport)"))
    p.add_argument("--rule", action="append", default=[],
                   help=tr("只修正這些規則，如 R1,R9（可重複；預設全部）",
                           "only these rules, e.g. R1,R9 (repeatable; default all)"))
    p.add_argument("--dry-run", action="store_true", help=tr("只顯示差異，不寫入", "show the diff only"))
    p.set_defaults(func=cmd_fix)

    p = sub.add_parser("gui", help=tr("開啟編輯器", "open the editor"))
    p.add_argument("file", nargs="?")
    p.set_defaults(func=cmd_gui)
    return parser


def _utf8_when_redirected() -> None:
    """Redirected output on Windows is cp950, which cannot hold 关 or 𠀋: write UTF-8 there instead."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_when_redirected()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (len(argv) == 1 and argv[0].lower().endswith(".sqreport")):
        argv = ["gui", *argv]
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return EXIT_USER_ERROR
    from sqeditor.store import report_store
    report_store.NOTICE_HANDLERS.append(lambda text: print(tr("注意：", "Note: ") + text, file=sys.stderr))
    try:
        return args.func(args)
    except SqeditorError as exc:
        print(tr("錯誤：", "Error: ") + exc.message, file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as exc:  # what no command foresaw: still a message, never a traceback
        where = f"「{exc.filename}」" if exc.filename else ""
        print(tr(f"錯誤：無法存取{where}（{exc.strerror or exc}）。", f"Error: {exc}"), file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())

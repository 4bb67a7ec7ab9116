"""The merge report: what came in, what conflicted and how it was resolved, as text or Excel."""

from __future__ import annotations

import errno
import html
import os
import re
import zipfile
from pathlib import Path

from sqeditor.atomic_output import OutputFileError, check_target, output_error
from sqeditor.merge.draft_merger import MergeOutcome
from sqeditor.merge.plan import Change, ChangeKind

FIELD_NAMES = {
    "result": "評核結果說明", "status": "狀態", "unit": "承辦單位", "comment": "審閱意見",
    "title": "標題", "node": "整列", "dictionary_word": "詞典", "unit_list": "單位清單",
}
WHAT_NAMES = {
    ChangeKind.TAKEN: "採用草稿", ChangeKind.CONFLICT: "衝突（兩邊內容都保留，待處理）",
    ChangeKind.MINE: "衝突，保留我的", ChangeKind.THEIRS: "衝突，採用對方",
    ChangeKind.BOTH: "衝突，兩者都保留", ChangeKind.ADDED: "新增列", ChangeKind.DELETED: "刪除列",
    ChangeKind.UNMATCHED: "對不上的列（保留待處理）", ChangeKind.WORD: "詞典", ChangeKind.UNIT: "單位清單",
    ChangeKind.OTHER_UNIT: "修改了其他單位的列（衝突，待處理）",
    ChangeKind.WITHDRAWN: "撤回（該單位收回先前的修改）",
}
# Listed one by one in the text report; taken fields, words and units are only counted.
DETAILED = frozenset({ChangeKind.CONFLICT, ChangeKind.OTHER_UNIT, ChangeKind.UNMATCHED, ChangeKind.MINE,
                      ChangeKind.THEIRS, ChangeKind.BOTH, ChangeKind.DELETED, ChangeKind.ADDED,
                      ChangeKind.WITHDRAWN})
NOTE_LABEL = "讀檔說明"  # what reading a returned file could not keep (a pasted picture), or guessed
HEADERS = ("草稿檔", "單位", "項目", "欄位", "結果", "檔案類型", "合併基準")
SHEET_NAME = "合併報告"
COLUMN_WIDTHS = (34, 10, 50, 14, 30, 14, 50)


def field_name(change: Change) -> str:
    if change.what is ChangeKind.UNIT and not change.node_id:
        return FIELD_NAMES["unit_list"]
    return FIELD_NAMES.get(change.field, change.field)


def short(text: str, width: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def summary_line(outcome: MergeOutcome) -> str:
    """One line per draft: where from, and how many of each kind of change."""
    who = f"（{outcome.unit}）" if outcome.unit else ""
    if outcome.error is not None:
        return f"略過：{outcome.error.message}"
    counts = [("採用", (ChangeKind.TAKEN,)), ("新增列", (ChangeKind.ADDED,)),
              ("刪除列", (ChangeKind.DELETED,)),
              ("衝突待處理", (ChangeKind.CONFLICT, ChangeKind.UNMATCHED)),
              ("衝突已解決", (ChangeKind.MINE, ChangeKind.THEIRS, ChangeKind.BOTH)),
              ("詞典與單位", (ChangeKind.WORD, ChangeKind.UNIT))]
    parts = [f"{label} {outcome.count(*kinds)}" for label, kinds in counts]
    parts += [f"{label} {n}" for label, kind in (("撤回", ChangeKind.WITHDRAWN),
                                                  ("修改了其他單位的列", ChangeKind.OTHER_UNIT))
              if (n := outcome.count(kind))]
    return f"已合併「{outcome.file.name}」{who}：" + "、".join(parts)


def source_line(outcome: MergeOutcome) -> str:
    """What kind of file it was, which base the merge used and why."""
    if outcome.kind is None:
        return ""
    return f"  檔案類型：{outcome.kind.label}；合併基準：{outcome.base}"


def detail_lines(outcome: MergeOutcome) -> list[str]:
    """The conflicts and resolutions of one draft, one line each (taken fields are only counted)."""
    return [f"  {WHAT_NAMES[c.what]}：{short(c.title)}　{field_name(c)}" for c in outcome.changes
            if c.what in DETAILED]


def report_text(outcomes: list[MergeOutcome]) -> str:
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(summary_line(outcome))
        if outcome.error is None and outcome.kind is not None:
            lines.append(source_line(outcome))
        lines += [f"  {NOTE_LABEL}：{note}" for note in outcome.notes]
        lines += detail_lines(outcome)
    return "\n".join(lines)


def report_table(outcomes: list[MergeOutcome]) -> list[tuple[str, ...]]:
    """Every change as a line under `HEADERS`: the merge report's sheet, as data for an exporter."""
    lines: list[tuple[str, ...]] = [HEADERS]
    for outcome in outcomes:
        source = (outcome.kind.label if outcome.kind else "", outcome.base)
        if outcome.error is not None:
            lines.append((outcome.file.name, outcome.unit, "", "", outcome.error.message, *source))
        elif not outcome.changes:
            lines.append((outcome.file.name, outcome.unit, "", "", "沒有變更", *source))
        lines += [(outcome.file.name, outcome.unit, c.title, field_name(c), WHAT_NAMES[c.what], *source)
                  for c in outcome.changes]
        lines += [(outcome.file.name, outcome.unit, "", NOTE_LABEL, note, *source) for note in outcome.notes]
    return lines


def check_report_target(path: Path) -> None:
    """Refuse, before anything is merged, a target the merge report may not replace or write.

    Only an earlier merge report is replaced: never the report itself, a draft, or any other file.
    """
    if path.suffix.lower() != ".xlsx":
        raise OutputFileError(f"合併報告只能寫成 Excel 檔（.xlsx），「{path.name}」不行；請換一個檔名。")
    check_target(path)
    if path.exists() and not is_merge_report(path):
        raise OutputFileError(f"「{path.name}」已經存在，而且不是先前的合併報告，不會覆蓋它；請換一個檔名。")
    if not os.access(path.parent, os.W_OK):
        raise output_error(path, PermissionError(errno.EACCES, "read-only"))


def is_merge_report(path: Path) -> bool:
    """An .xlsx this program wrote as a merge report: one sheet, named 合併報告, our headers."""
    try:
        with zipfile.ZipFile(path) as package:
            workbook = package.read("xl/workbook.xml")[:65536].decode("utf-8", "replace")
            texts = "".join(package.open(part).read(65536).decode("utf-8", "replace")
                            for part in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")
                            if part in package.namelist())
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False
    names = [html.unescape(n) for n in re.findall(r"<(?:\w+:)?sheet\b[^>]*\bname=\"([^\"]*)\"", workbook)]
    texts = html.unescape(texts)  # writers may put CJK as character references
    return names == [SHEET_NAME] and all(header in texts for header in HEADERS)

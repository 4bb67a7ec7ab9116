"""The report's metadata from the lines above the table, in the forms agencies write them.

Title 「經濟部工業局110年度下半年提升服務品質自行評核項目及結果說明」 (also split over two lines or
in quotes), 「機關名稱：」「填報機關：」, and the cut-off date as 「資料截止日期：」「截止日期：」
「資料截止日：」 or a bare 「中華民國110年12月10日」. What is missing is guessed and said, never left
as year 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqeditor.exchange.import_notes import ImportNote
from sqeditor.model import Period, ReportMeta
from sqeditor.model.report import TITLE_WORDS
from sqeditor.model.roc_date import ROC_OFFSET

_PLACE = "報告資訊"
_TITLE = re.compile(rf"^(?P<ministry>.*?)\s*(?:中華民國|民國)?\s*(?P<year>\d{{2,3}})\s*年度?"
                    rf"\s*(?P<period>上半年|下半年|全年)?度?\s*[「『]?{TITLE_WORDS}[」』]?(?:表)?\s*$")
_AGENCY_LABELS = ("機關名稱", "填報機關", "受評機關", "機關")
_CUTOFF_LABELS = ("資料截止日期", "資料統計截止日", "資料截止日", "資料截止時間", "統計截止日期", "截止日期",
                  "截止日")
_LABEL = re.compile(rf"[（(]?({'|'.join(_AGENCY_LABELS + _CUTOFF_LABELS)})\s*[：:]\s*")
_DATE = re.compile(r"(?:中華民國|民國)?\s*(\d{2,3})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_BARE_DATE = re.compile(rf"^\s*(?:中華民國|民國)\s*\d{{2,3}}\s*年.*$|^{_DATE.pattern}\s*$")


@dataclass
class FrontMatter:
    """What the lines above the table say, before anything is guessed."""

    meta: ReportMeta = field(default_factory=ReportMeta)
    title: str = ""
    cutoff_text: str = ""  # a cut-off date given without its label
    left_out: list[str] = field(default_factory=list)


def read_front_matter(lines: list[str], file_date: date) -> tuple[ReportMeta, list[ImportNote]]:
    """The metadata and the notes on what was guessed or not used."""
    front = _read_lines(lines)
    meta, notes = front.meta, []
    if front.cutoff_text:
        notes.append(ImportNote(
            _PLACE, f"沒有「資料截止日期：」字樣，把「{front.cutoff_text}」當作資料截止日期。"))
    if not meta.agency:
        notes.append(ImportNote(_PLACE, "找不到機關名稱（「機關名稱：」），請補上。"))
    if meta.cutoff is None:
        notes.append(ImportNote(_PLACE, "找不到資料截止日期（「資料截止日期：」），請補上。"))
    if not meta.roc_year:
        meta.roc_year, meta.period = _guess_period(meta.cutoff or file_date)
        source = "資料截止日期" if meta.cutoff else "檔案日期"
        what = f"標題「{front.title}」看不出年度與期間" if front.title else "表格上方沒有報告標題"
        notes.append(ImportNote(
            _PLACE, f"{what}，依{source}推定為 {meta.roc_year} 年度{meta.period}，請確認。"))
    notes.extend(ImportNote(_PLACE, f"表格上方的「{_short(line)}」未匯入。") for line in front.left_out)
    return meta, notes


def _read_lines(lines: list[str]) -> FrontMatter:
    front = FrontMatter()
    meta = front.meta
    previous = ""
    for line in (raw.strip() for raw in lines):
        labelled = list(_LABEL.finditer(line))
        if labelled:
            for index, match in enumerate(labelled):
                end = labelled[index + 1].start() if index + 1 < len(labelled) else len(line)
                value = line[match.end():end].strip(" \u3000）)")
                if match.group(1) in _AGENCY_LABELS:
                    meta.agency = meta.agency or value
                elif meta.cutoff is None:
                    meta.cutoff = _date(value)
        elif not front.title and (title := _TITLE.match(line)):
            front.title = line
            meta.ministry = title["ministry"].strip()
            if not meta.ministry and previous in front.left_out:  # 「經濟部工業局」 on a line of its own
                meta.ministry, front.title = previous, previous + line
                front.left_out.remove(previous)
            meta.roc_year = int(title["year"])
            meta.period = Period(title["period"] or Period.FULL_YEAR)
        elif meta.cutoff is None and _BARE_DATE.match(line) and (found := _date(line)):
            meta.cutoff, front.cutoff_text = found, line
        elif TITLE_WORDS in line and not front.title:
            front.title = line
        else:
            front.left_out.append(line)
        previous = line if not front.title and not labelled else ""
    if front.title and front.title != meta.derived_title:
        meta.title_override = front.title
    return front


def _date(text: str) -> date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match[1]) + ROC_OFFSET, int(match[2]), int(match[3]))
    except ValueError:
        return None


def _guess_period(day: date) -> tuple[int, Period]:
    """A cut-off in Jan-Feb closes last year's second half; Mar-Aug the first half; later the second."""
    year = day.year - ROC_OFFSET
    if day.month <= 2:
        return year - 1, Period.SECOND_HALF
    return year, Period.FIRST_HALF if day.month <= 8 else Period.SECOND_HALF


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


"""The built-in sample (110 年下半年) as last period, and a 111 年上半年 report made from it.

Rows are rewritten, copied, half-edited, reworded and made stale in every way the 上期 rules
look for; the indexes below are rows of the sample in document order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.last_period import link_last_period
from sqeditor.model import Node, NodeKind, Paragraph, Period, Report
from sqeditor.store import ReportStore

REWRITTEN = {
    0: ["本期修訂申辦業務標準作業流程 3 項，簡化表單欄位，並自 111 年 3 月 15 日起實施。",
        "本年度（111 年）上半年受理特定製程產業案件 86 件，較上期增加 12 件。"],
    2: ["本局總機人員本期參加法規及申辦流程訓練 2 場，計 35 人次，遇法規疑義即時轉請承辦同仁說明。"],
}
REWORDED = {  # criterion titles reworded by the new template, results rewritten
    1: ("提升民眾申辦案件之處理效率，確保於法定處理時限內完成。",
        ["各組室主管每週稽催逾期案件，本期平均處理天數縮短為 4.2 天，預計 111 年 9 月導入線上稽催系統。"]),
    22: ("了解民眾需求並檢討現有服務措施，運用多元策略以提升服務之便捷程度。",
         ["本期新增 LINE 官方帳號諮詢服務，111 年 1 至 5 月回覆廠商提問 1,208 則。"]),
}
COPIED = (29, 40)
NEARLY_COPIED = 41  # two characters changed
HALF_EDITED = 43  # 1st paragraph kept, 2nd rewritten, 3rd kept with a number that "增加"
WRONG_YEAR = 30  # 本年度 with last year's figure
WRONG_HALF = 28  # 下半年 in a 上半年 report
AFTER_CUTOFF = 21  # a date after 111-06-10, and one planned (not flagged)
DELETED = 27  # the second of two identical rows is gone this period
NEW_ROW_TITLE = "推動服務流程數位轉型，運用數據分析改善服務。"


def last_and_next() -> tuple[Report, Report]:
    """(last period, this period); the two have different node ids, as after an import."""
    last, new = builtin_sample(), builtin_sample()
    new.meta.roc_year, new.meta.period, new.meta.cutoff = 111, Period.FIRST_HALF, date(2022, 6, 10)
    new.meta.title_override = ""
    rows = list(new.rows())
    for index, texts in REWRITTEN.items():
        rows[index].result = [Paragraph(t) for t in texts]
    for index, (title, texts) in REWORDED.items():
        rows[index].title = title
        rows[index].result = [Paragraph(t) for t in texts]
    nearly = rows[NEARLY_COPIED].result[0]
    rows[NEARLY_COPIED].result[0] = Paragraph(nearly.text.replace("網頁內容", "網站內容", 1), nearly.level)
    half = rows[HALF_EDITED].result
    half[1] = Paragraph("本局首長信箱，111 年 1 至 6 月收辦 401 件，不滿意案件計 9 件。", half[1].level)
    half[2] = Paragraph("新聞輿情回應案件增加，本期辦理 34 件，發布 67 則新聞稿。", half[2].level)
    rows[WRONG_YEAR].result = [Paragraph("本年度提供電話客服約 376 人次（110 年統計），輔導廠商線上申辦。")]
    rows[WRONG_HALF].result = [Paragraph("本局網站下半年新增線上申辦服務 5 項，民眾可於網站下載表單。")]
    rows[AFTER_CUTOFF].result = [
        Paragraph("本局於 111 年 7 月 15 日完成申辦案件處理進度查詢系統改版。"),
        Paragraph("預計 111 年 9 月完成行動版查詢功能，並於 111 年 3 月 2 日完成需求訪談。"),
    ]
    parent = _parent(new, rows[DELETED])
    parent.children.remove(rows[DELETED])
    parent.children.append(Node(NodeKind.STANDARD, NEW_ROW_TITLE, unit="資訊室",
                                result=[Paragraph("本期建置服務數據儀表板，每月分析申辦案件量與處理時間。")]))
    return last, new


def write_periods(folder: Path, *, linked: bool = False) -> tuple[Path, Path]:
    """(this period's file, last period's file) written into folder; linked when asked."""
    last, new = last_and_next()
    last_path, new_path = folder / "110H2.sqreport", folder / "111H1.sqreport"
    ReportStore.create(last_path, last).close()
    with ReportStore.create(new_path, new) as store:
        if linked:
            link_last_period(store, last_path)
    return new_path, last_path


def _parent(report: Report, node: Node) -> Node:
    return next(n for n in report.walk() if node in n.children)

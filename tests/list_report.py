"""A small fixed report for layout tests: two sections, merged cells, all three list levels."""

from datetime import date

from sqeditor.model import Node, NodeKind, Report
from sqeditor.model.report import Paragraph, ReportMeta

LONG = ("本局持續辦理民眾服務滿意度調查並依據調查結果檢討改善各項服務流程，"
        "以提升整體服務品質與效率，並定期公告於網站。")


def list_levels_result() -> list[Paragraph]:
    """A plain line, then every level with lines long enough to wrap in the result column."""
    return [Paragraph("說明如下：", 0), Paragraph(LONG, 1), Paragraph(LONG, 2), Paragraph(LONG, 3),
            Paragraph(LONG, 3), Paragraph(LONG, 2), Paragraph(LONG, 1)]


def list_report() -> Report:
    """One row with the three list levels, merges over two rows, an empty result, markup characters."""
    levels = Node(NodeKind.STANDARD, "服務流程檢討", result=list_levels_result())
    second = Node(NodeKind.STANDARD, "第二項標準 <含 & 符號>", result=[Paragraph("已完成 A&B 兩項。", 0)])
    empty = Node(NodeKind.STANDARD, "尚未填寫的標準")
    item = Node(NodeKind.ITEM, "服務流程改造", children=[
        Node(NodeKind.INDICATOR, "服務流程", children=[levels, second]),
        Node(NodeKind.INDICATOR, "", children=[empty]),
    ])
    other = Node(NodeKind.ITEM, "資訊公開", children=[
        Node(NodeKind.INDICATOR, "網站", children=[
            Node(NodeKind.STANDARD, "定期更新", result=[Paragraph("每月更新一次。", 1)])])])
    return Report(
        meta=ReportMeta(ministry="經濟部", agency="經濟部工業局", roc_year=110, cutoff=date(2021, 12, 10)),
        sections=[Node(NodeKind.SECTION, "基礎服務", children=[item]),
                  Node(NodeKind.SECTION, "服務遞送", children=[other])],
    )

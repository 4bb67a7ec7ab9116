"""Hypothesis strategies for reports the model can hold."""

from datetime import date, datetime

from hypothesis import strategies as st

from sqeditor.model import Node, NodeKind, Paragraph, Period, Report, ReportMeta, Status

# Characters clerks type, plus a character beyond U+FFFF (in names) and punctuation.
TEXT = st.text(alphabet=st.sampled_from("本局辦理服務品質提升臺灣平台 abcXYZ0123456789，。、「」()%𠀋-/"),
               max_size=30)
TITLE = TEXT.map(str.strip)


@st.composite
def paragraphs(draw) -> list[Paragraph]:
    items = draw(st.lists(st.tuples(st.integers(0, 3), TEXT), max_size=5))
    return [Paragraph(text, level) for level, text in items]


@st.composite
def rows(draw, units: list[str]) -> Node:
    return Node(
        NodeKind.STANDARD, title=draw(TITLE), result=draw(paragraphs()),
        unit=draw(st.sampled_from(["", *units])), status=draw(st.sampled_from(list(Status))),
        comment=draw(TEXT),
        edited_by=draw(st.sampled_from(["", "王小明"])),
        edited_at=draw(st.none() | st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)).map(
            lambda d: d.replace(microsecond=0))),
    )


@st.composite
def reports(draw, max_sections: int = 3) -> Report:
    units = draw(st.lists(st.sampled_from(["秘書室", "資訊室", "企劃組", "人事室"]), unique=True,
                          max_size=3))
    meta = ReportMeta(
        ministry=draw(TITLE), agency=draw(TITLE), roc_year=draw(st.integers(90, 130)),
        period=draw(st.sampled_from(list(Period))),
        cutoff=draw(st.none() | st.dates(date(2001, 1, 1), date(2040, 12, 31))),
        title_override=draw(st.sampled_from(["", "自訂標題"])),
    )

    def node(kind: NodeKind, children: list[Node]) -> Node:
        return Node(kind, title=draw(TITLE), children=children)

    sections = []
    for _ in range(draw(st.integers(1, max_sections))):
        items = []
        for _ in range(draw(st.integers(1, 2))):
            indicators = [node(NodeKind.INDICATOR, draw(st.lists(rows(units), min_size=1, max_size=3)))
                          for _ in range(draw(st.integers(1, 2)))]
            items.append(node(NodeKind.ITEM, indicators))
        sections.append(node(NodeKind.SECTION, items))
    return Report(meta=meta, sections=sections, units=units,
                  dictionary=set(draw(st.lists(TITLE.filter(bool), max_size=3))),
                  disabled_rules=set(draw(st.lists(st.sampled_from(["R1", "R9", "R13"]), max_size=2))))

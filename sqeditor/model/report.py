"""The report: metadata, the four-level criteria tree, and per-row working data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

TITLE_WORDS = "提升服務品質自行評核項目及結果說明"


class NodeKind(StrEnum):
    """Levels of the criteria tree, top to bottom."""

    SECTION = "section"  # 構面
    ITEM = "item"  # 評核項目
    INDICATOR = "indicator"  # 評核指標 (title may be empty)
    STANDARD = "standard"  # 次評核指標/參考標準: the row the clerk answers

    @property
    def child(self) -> NodeKind | None:
        order = list(NodeKind)
        index = order.index(self)
        return order[index + 1] if index + 1 < len(order) else None


class Status(StrEnum):
    """Where a row's result stands."""

    EMPTY = "未填"
    DRAFT = "草稿"
    REVIEW = "待審"
    DONE = "完成"


class Period(StrEnum):
    """Reporting period of the year."""

    FIRST_HALF = "上半年"
    SECOND_HALF = "下半年"
    FULL_YEAR = "全年"


def new_id() -> str:
    """A stable node id, so drafts can be merged back."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a result: text, list level (0 plain, 1 '1.', 2 '(1)', 3 '甲、').

    ``literal`` is the marker as imported, kept only where it differs from the computed one.
    """

    text: str
    level: int = 0
    literal: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.level <= 3:
            raise ValueError(f"list level out of range: {self.level}")


@dataclass
class Node:
    """A criterion: section, item, indicator or standard row (the last carries the result)."""

    kind: NodeKind
    title: str = ""
    children: list[Node] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    result: list[Paragraph] = field(default_factory=list)
    unit: str = ""
    status: Status = Status.EMPTY
    comment: str = ""
    edited_by: str = ""
    edited_at: datetime | None = None

    def walk(self) -> Iterator[Node]:
        """This node and all below it, depth first (a stack, not recursion: start-up walks 2,000 rows)."""
        yield self
        stack = [iter(self.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            else:
                yield child
                stack.append(iter(child.children))

    def rows(self) -> Iterator[Node]:
        """The standard rows below (or at) this node."""
        return (n for n in self.walk() if n.kind is NodeKind.STANDARD)

    @property
    def result_text(self) -> str:
        return "\n".join(p.text for p in self.result)

    @property
    def char_count(self) -> int:
        """Characters written, not counting white space (Chinese has no words to count)."""
        return sum(1 for p in self.result for ch in p.text if not ch.isspace())


@dataclass
class ReportMeta:
    """部會, 機關名稱, 年度, 期間 and 資料截止日期; the title is derived unless overridden."""

    ministry: str = ""
    agency: str = ""
    roc_year: int = 0
    period: Period = Period.FULL_YEAR
    cutoff: date | None = None
    title_override: str = ""

    @property
    def derived_title(self) -> str:
        return f"{self.ministry}{self.roc_year}年度{self.period}{TITLE_WORDS}"

    @property
    def title(self) -> str:
        return self.title_override or self.derived_title

    @property
    def period_label(self) -> str:
        """'110 年度下半年': how a clerk names the period when told two reports apart."""
        return f"{self.roc_year} 年度{self.period}"


@dataclass
class DraftInfo:
    """Marks a report file as a draft split off for one unit."""

    unit: str
    source_report_id: str
    split_at: datetime
    unlocked: set[str] = field(default_factory=set)  # other units' rows the clerk chose to edit


@dataclass
class Report:
    """A whole report: metadata, sections, units and the team's shared checker settings."""

    meta: ReportMeta = field(default_factory=ReportMeta)
    sections: list[Node] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    dictionary: set[str] = field(default_factory=set)
    disabled_rules: set[str] = field(default_factory=set)
    id: str = field(default_factory=new_id)
    draft: DraftInfo | None = None
    export_id: str = ""  # read from an exported file that carries one: the export it came from
    change_authors: list[str] = field(default_factory=list)  # a Word file's tracked changes are by

    def walk(self) -> Iterator[Node]:
        for section in self.sections:
            yield from section.walk()

    def rows(self) -> Iterator[Node]:
        return (n for n in self.walk() if n.kind is NodeKind.STANDARD)

    def node_index(self) -> dict[str, Node]:
        return {n.id: n for n in self.walk()}

    def parents(self) -> dict[str, Node]:
        """Each node id mapped to its parent node (sections are absent)."""
        return {c.id: n for n in self.walk() for c in n.children}

    def path(self, node: Node) -> list[Node]:
        """Nodes from the section down to this node."""
        parents = self.parents()
        chain = [node]
        while chain[-1].id in parents:
            chain.append(parents[chain[-1].id])
        return chain[::-1]

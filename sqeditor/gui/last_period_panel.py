"""Last period's result for the row in the form, beside the editor, read-only.

The clerk writes this period's text with last period's open beside it: shown plain while the
row is empty, and as a character-level difference (last period's words struck out, this
period's underlined) once the clerk has written. 「帶入上期內容」 copies it in as a starting
point, one undoable step.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sqeditor.gui.session import ReportSession
from sqeditor.merge.char_diff import char_spans
from sqeditor.model import Node, Paragraph
from sqeditor.model.last_period import similarity
from sqeditor.model.numbering import render_paragraphs

DIFF_DELAY_MS = 300  # the difference follows typing after a short pause
DIFF_MIN_SIMILARITY = 0.4  # below this the two texts share too little for a difference to help
LOW_COLOR = "#b35c00"
DELETED_STYLE = "color:#b00020; text-decoration:line-through; background:#fde7e9"
INSERTED_STYLE = "color:#0b6b2f; text-decoration:underline; background:#e3f4e8"

Piece = tuple[str, str]  # ('equal' | 'delete' | 'insert', text)


def inline_difference(last: str, mine: str) -> list[Piece]:
    """Both texts in reading order: what they share, last period's only, this period's only."""
    only_last, only_mine = char_spans(last, mine)
    pieces: list[Piece] = []
    i = j = 0
    while i < len(last) or j < len(mine):
        a = only_last[0][0] if only_last else len(last)
        b = only_mine[0][0] if only_mine else len(mine)
        same = min(a - i, b - j)
        if same:
            pieces.append(("equal", last[i:i + same]))
            i, j = i + same, j + same
        if only_last and i == only_last[0][0]:
            start, i = only_last.pop(0)
            pieces.append(("delete", last[start:i]))
        if only_mine and j == only_mine[0][0]:
            start, j = only_mine.pop(0)
            pieces.append(("insert", mine[start:j]))
    return pieces


def difference_html(pieces: list[Piece]) -> str:
    styles = {"delete": DELETED_STYLE, "insert": INSERTED_STYLE}
    out = []
    for kind, text in pieces:
        html = escape(text).replace("\n", "<br>")
        out.append(f"<span style='{styles[kind]}'>{html}</span>" if kind in styles else html)
    return "".join(out)


class LastPeriodPanel(QFrame):
    """Shows the matched last-period row of the form's row; asks the form to copy it in."""

    copy_requested = Signal(list)  # last period's paragraphs

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lastPeriodPanel")
        self.session = session
        self.node: Node | None = None
        self.last: list[Paragraph] = []
        self._mine: list[Paragraph] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._timer = QTimer(self, singleShot=True, interval=DIFF_DELAY_MS, objectName="diffTimer")
        self._timer.timeout.connect(self._show_text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.heading = QLabel(objectName="lastPeriodHeading", wordWrap=True)
        self.match_label = QLabel(objectName="lastPeriodMatch", wordWrap=True)
        self.match_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.match_label.linkActivated.connect(lambda _link: self.fix_match())
        self.view = QTextBrowser(objectName="lastPeriodText")
        self.view.setOpenLinks(False)
        self.diff_box = QCheckBox(self.tr("標示與本期的差異(&D)"), objectName="lastPeriodDiff", checked=True)
        self.diff_box.toggled.connect(lambda _on: self._show_text())
        self.copy_button = QPushButton(self.tr("帶入上期內容(&C)"), objectName="copyLastPeriod")
        self.copy_button.setToolTip(self.tr("以上期的評核結果說明作為本期的起點（可復原）"))
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(list(self.last)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.diff_box)
        buttons.addStretch()
        buttons.addWidget(self.copy_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.match_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        session.last_period_changed.connect(self.refresh)

    def show_row(self, node: Node, mine: list[Paragraph]) -> None:
        self.node = node
        self._mine = list(mine)
        self.refresh()

    def text_edited(self, mine: list[Paragraph]) -> None:
        """The clerk typed: the difference follows after a pause."""
        self._mine = list(mine)
        self._timer.start()

    def refresh(self) -> None:
        link = self.session.period_link
        self.setVisible(link is not None and self.node is not None)
        if link is None or self.node is None:
            return
        self.heading.setText(self.tr("上期（{0}）").format(link.last.label))
        match = link.matches.get(self.node.id)
        self.last = list(match.last.result) if match else []
        fix_text = self.tr("修正對應…")  # outside the f-string, where lupdate finds it
        fix = f"<a href='fix'>{fix_text}</a>"
        if match is None:
            self.match_label.setText(self.tr("上期沒有對應的評核列。") + " " + fix)
        elif match.how == "fuzzy":
            text = self.tr("評核項目文字不同，依相似度對應（信心 {0:.0%}）：「{1}」").format(
                match.confidence, escape(match.last.title))
            color = f" style='color:{LOW_COLOR}'" if match.low else ""
            self.match_label.setText(f"<span{color}>{text}</span> {fix}")
        else:
            same = self.tr("同一評核列（人工指定）") if match.how == "manual" else self.tr("同一評核列")
            self.match_label.setText(f"{same} {fix}")
        self.copy_button.setEnabled(bool(self.last) and not self.session.read_only)
        self._show_text()

    def fix_match(self) -> None:
        """The matches dialog, on this row."""
        from sqeditor.gui.last_period_dialog import LastPeriodDialog
        LastPeriodDialog(self.session, self.window(), self.node).exec()

    def _show_text(self) -> None:
        last = "\n".join(render_paragraphs(self.last))
        mine = "\n".join(render_paragraphs(self._mine))
        written = any(p.text.strip() for p in self._mine)
        self.diff_box.setEnabled(written and bool(self.last))
        if not self.last:
            empty = self.tr("（上期此列沒有內容）")
            self.view.setHtml(f"<p style='color:#666'>{empty}</p>")
        elif written and self.diff_box.isChecked() and similarity(last, mine) >= DIFF_MIN_SIMILARITY:
            self.view.setHtml(difference_html(inline_difference(last, mine)))
        elif written and self.diff_box.isChecked():  # rewritten: a difference would strike out all
            note = self.tr("本期已改寫，與上期大多不同。")
            self.view.setHtml(f"<p style='color:#0b6b2f'>{note}</p>" + escape(last).replace("\n", "<br>"))
        else:
            self.view.setHtml(escape(last).replace("\n", "<br>"))

"""The result editor: paragraphs with list levels, painted numbers, live findings, IME-safe.

Levels live in the block format (see list_blocks), markers are painted in the hanging
indent, and nothing here touches the document or the cursor while an input method has a
preedit open: findings and `edited` wait for the commit, and the underlines the preedit would
push out of place are hidden until then. A commit the editor forces (a save, a switch of
row, a mouse press) keeps the finished characters and drops a half-typed syllable's Bopomofo.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QToolTip, QWidget

from sqeditor.chinese_text import FULL_WIDTH, to_taiwan_traditional, without_bopomofo
from sqeditor.gui.finding_highlights import UNDERLINE_COLORS, FindingHighlights, PlacedFinding
from sqeditor.gui.findings_index import FindingAction, fix_label
from sqeditor.gui.list_blocks import (
    MarkerRow,
    block_level,
    blocks,
    level_format,
    marker_rows,
    read_paragraphs,
    selected_blocks,
    selection_as_text,
    write_paragraphs,
)
from sqeditor.gui.typing_helpers import (
    ConversionChange,
    clean_pdf_text,
    conversion_changes,
    full_width_for,
)
from sqeditor.gui.utf16 import from_utf16, to_utf16
from sqeditor.model import Paragraph, Report, parse_paragraphs
from sqeditor.model.numbering import MAX_LEVEL
from sqeditor.rules import Checker
from sqeditor.rules.fixing import clean_pasted

if TYPE_CHECKING:
    from sqeditor.rules.finding import Finding

    ParagraphChecker = Callable[[str, int], Sequence[Finding]]

UI_FONTS = ["Microsoft JhengHei UI", "Noto Sans CJK TC", "Noto Sans TC", "AR PL UKai TW"]
CHECK_DELAY_MS = 300
FOUND_COLOR = QColor("#ffe066")  # a search match, as a highlighter pen marks it
_CHECK_CACHE_LIMIT = 2000
_LIST_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter})
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


class ResultEditor(QTextEdit):
    """Edits one result: plain paragraphs with list levels 0..3.

    The main window loads with `set_paragraphs`, saves `paragraphs()` on `edited` (after
    `commit_composition` before a switch), feeds `set_findings`/`set_checker`, and acts on
    `finding_action`; `last_edit_label` names the latest step (輸入文字, 套用建議 …), and
    `step_ended` says when the typing so far is a finished undo step (see typing_steps).
    """

    edited = Signal()  # text or levels changed by the clerk, no preedit open
    step_ended = Signal()  # Enter, a cursor move, or before and after a named change
    finding_action = Signal(str, object, str)  # FindingAction name, Finding, suggestion or word

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._preedit = ""
        self._forcing = False  # inside commit_composition: the input method is made to commit
        self._press_watch = _PressWatch(self.commit_composition, self)
        self._loading = False
        self._pending_edit = False
        self._pending_findings: list[Finding] | None = None
        self._full_width = True
        self._checker: ParagraphChecker | None = None
        self._checked: dict[int, tuple[str, int]] = {}
        self._check_cache: dict[tuple[str, int], list[Finding]] = {}
        self._finding_counter: Callable[[Finding], int] | None = None
        self._edit_label = ""
        self.last_edit_label = ""
        self._highlights = FindingHighlights(self.document())
        self._rows: list[MarkerRow] | None = None  # painted markers and their places
        self._flagged: dict[int, str] | None = None  # block → severity of a marker finding
        self._marker_gap = 0.0
        self._typing_label = self.tr("輸入文字")
        self._typed = False  # the document changed since the last key or click: not a move
        self.history_actions: dict[str, QAction] = {}  # the report's 復原/重做, by Qt's menu names
        self._found: QTextCursor | None = None  # the search match shown, until the next edit
        self._block_count = self.document().blockCount()
        # named, so a test can wait for the check it runs rather than for a fixed time
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS, objectName="checkTimer")
        self._check_timer.timeout.connect(self._recheck)
        self.document().contentsChange.connect(self._on_contents_change)
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.document().documentLayout().documentSizeChanged.connect(self._forget_marker_places)
        self._make_actions()
        font = QFont(self.font())
        font.setFamilies([*UI_FONTS, *font.families()])
        self.setFont(font)
        self._update_indent_width()

    # --- public API -------------------------------------------------------------------

    def paragraphs(self) -> list[Paragraph]:
        """The result as shown (an open preedit is not part of it)."""
        return read_paragraphs(self.document())

    def set_paragraphs(self, paragraphs: Sequence[Paragraph]) -> bool:
        """Load a result without emitting `edited`; refused (False) while composing."""
        if self.is_composing():
            return False
        position = self.textCursor().position()
        document = self.document()
        self._loading = True
        try:
            document.setUndoRedoEnabled(False)
            document.clear()
            cursor = QTextCursor(document)
            write_paragraphs(cursor, list(paragraphs) or [Paragraph("")], literals=True)
            document.setUndoRedoEnabled(True)
            cursor.setPosition(min(position, document.characterCount() - 1))
            self.setTextCursor(cursor)
        finally:
            self._loading = False
        self._block_count = document.blockCount()
        self._rows = None
        self._pending_edit = False
        self._checked.clear()
        self._highlights.clear()
        self._found = None
        self._show_highlights()
        if self._checker is not None:
            self._check_timer.start()
        return True

    def show_found(self, needle: str) -> bool:
        """Select and mark the first place of needle (the find dialog's match); False if absent."""
        cursor = self.document().find(needle)
        if cursor.isNull():
            return False
        self.setTextCursor(cursor)
        self._found = QTextCursor(cursor)
        self._show_highlights()
        self.ensureCursorVisible()
        return True

    def is_composing(self) -> bool:
        return bool(self._preedit)

    def commit_composition(self) -> None:
        """Land the preedit text in the document (before a save or a switch of row).

        Input methods commit their raw preedit when made to (Qt's ibus plugin sends
        「中ㄨㄣ」 for a half-typed 中文): the Bopomofo of that commit is dropped.
        """
        if not self.is_composing():
            return
        self._forcing = True
        try:
            QGuiApplication.inputMethod().commit()
            if self.is_composing():  # no platform input method took the commit
                event = QInputMethodEvent()
                event.setCommitString(self._preedit)
                self.inputMethodEvent(event)
                QGuiApplication.inputMethod().reset()
        finally:
            self._forcing = False

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)
        for action in self._editing_actions:
            action.setEnabled(not read_only)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Underline checker findings for this result (applied after an open composition)."""
        if self.is_composing():
            self._pending_findings = list(findings)
            return
        self._pending_findings = None
        self._highlights.remove(lambda placed: not placed.from_checker)
        self._highlights.place(findings)
        self._show_highlights()

    def set_checker(self, checker: ParagraphChecker | None) -> None:
        """Check changed paragraphs ~300 ms after typing stops: checker(text, level)."""
        self._checker = checker
        self._checked.clear()
        self._check_cache.clear()
        self._highlights.remove(lambda placed: placed.from_checker)
        self._show_highlights()
        if checker is not None:
            self._check_timer.start()

    def set_finding_counter(self, counter: Callable[[Finding], int] | None) -> None:
        """How many same findings the report has, for the 'apply to all N' menu entry."""
        self._finding_counter = counter

    def set_full_width_punctuation(self, enabled: bool) -> None:
        self._full_width = enabled
        self.full_width_action.setChecked(enabled)

    def increase_level(self) -> None:
        self._change_level(+1)

    def decrease_level(self) -> None:
        self._change_level(-1)

    def paste_cleaned_pdf_text(self) -> None:
        """Paste the clipboard as web or PDF text: broken lines joined, then the checker's safe
        width and spacing fixes (half-width punctuation, stray spaces) applied at once."""
        self._insert_text(QGuiApplication.clipboard().text(), pdf=True)

    # --- actions ----------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.increase_level_action = self._action(self.tr("增加清單層級"), self.increase_level)
        self.increase_level_action.setShortcut(Qt.Key.Key_Tab)
        self.decrease_level_action = self._action(self.tr("減少清單層級"), self.decrease_level)
        self.decrease_level_action.setShortcut(Qt.Key.Key_Backtab)
        self.paste_pdf_action = self._action(self.tr("貼上並清理（網頁或 PDF 文字）"),
                                             self.paste_cleaned_pdf_text)
        self.convert_action = self._action(self.tr("轉為臺灣正體…"), self._convert_with_preview)
        self.full_width_action = QAction(self.tr("中文後自動轉全形標點"), self, checkable=True, checked=True)
        self.full_width_action.toggled.connect(self.set_full_width_punctuation)
        for action in (self.increase_level_action, self.decrease_level_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys go through keyPressEvent
        self._editing_actions = [
            self.increase_level_action,
            self.decrease_level_action,
            self.paste_pdf_action,
            self.convert_action,
        ]

    def _action(self, text: str, slot: Callable[[], object], parent: QObject | None = None) -> QAction:
        action = QAction(text, parent or self)
        action.triggered.connect(lambda: slot())  # drop the 'checked' argument
        return action

    @contextmanager
    def _edit_step(self, cursor: QTextCursor, label: str, *, own_step: bool = True) -> Iterator[None]:
        """One undo step, named for `last_edit_label` (the main window's step names); with
        own_step the typing before it is a step of its own (else the change ends that step)."""
        if own_step:
            self.step_ended.emit()
        self._edit_label = label
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()
            self.step_ended.emit()
            self._edit_label = ""

    # --- list levels ------------------------------------------------------------------

    def _change_level(self, delta: int) -> None:
        """Indent or outdent the selected paragraphs; never deeper than one below the one before."""
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        targets = selected_blocks(cursor)
        previous = targets[0].previous()
        ceiling = block_level(previous) + 1 if previous.isValid() else 1
        with self._edit_step(cursor, self.tr("變更清單層級")):
            for block in targets:
                level = max(0, min(block_level(block) + delta, ceiling, MAX_LEVEL))
                if level != block_level(block):
                    QTextCursor(block).setBlockFormat(level_format(level))
                ceiling = level + 1

    def _press_enter(self) -> None:
        """Enter continues the list at the same level; on an empty item it ends the list."""
        cursor = self.textCursor()
        block = cursor.block()
        if block_level(block) and not block.text() and not cursor.hasSelection():
            with self._edit_step(cursor, self.tr("變更清單層級")):
                cursor.setBlockFormat(level_format(0))
            return
        with self._edit_step(cursor, self._typing_label, own_step=False):  # Enter ends typing
            cursor.removeSelectedText()
            cursor.insertBlock(level_format(block_level(cursor.block())))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # --- keys and input methods -------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._typed = False
        if self.isReadOnly() or not self._handle_key(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._typed = False
        super().mousePressEvent(event)

    def _on_cursor_moved(self) -> None:
        """A move by key or click (not by typing) ends the typing step, as in Word."""
        if not self._typed and not self._loading and not self.is_composing():
            self.step_ended.emit()

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key not in _LIST_KEYS and event.text() not in FULL_WIDTH:
            return False  # the common case, kept cheap: every keystroke passes here
        plain = not event.modifiers() & _COMMAND_MODIFIERS
        if key == Qt.Key.Key_Tab and plain and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.increase_level()
        elif key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and plain):
            self.decrease_level()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self._press_enter()  # Shift+Enter too: no line breaks inside a paragraph
        elif plain and (replacement := self._full_width_for(event.text())):
            cursor = self.textCursor()
            cursor.insertText(replacement)
            self.setTextCursor(cursor)
        else:
            return False
        return True

    def _full_width_for(self, typed: str) -> str | None:
        if not self._full_width or typed not in FULL_WIDTH:
            return None
        cursor = self.textCursor()
        block = self.document().findBlock(cursor.selectionStart())
        text = block.text()
        return full_width_for(typed, text[: from_utf16(text, cursor.selectionStart() - block.position())])

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        if self.isReadOnly():
            event.ignore()
            return
        was_composing = self.is_composing()
        if self._forcing:
            event = _with_commit(event, without_bopomofo(event.commitString()))
        self._typed = False
        event = self._with_full_width_commit(event)
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)
        if not was_composing and self._preedit:
            self._composition_started()
        elif was_composing and not self._preedit:
            self._composition_ended()

    def _with_full_width_commit(self, event: QInputMethodEvent) -> QInputMethodEvent:
        """A committed half-width mark after a Chinese character lands full-width."""
        if event.preeditString() or event.replacementLength():
            return event
        replacement = self._full_width_for(event.commitString())
        if replacement is None:
            return event
        return _with_commit(event, replacement)

    def _composition_started(self) -> None:
        QApplication.instance().installEventFilter(self._press_watch)
        self._show_highlights()  # without the underlines the preedit pushes out of place

    def _composition_ended(self) -> None:
        QApplication.instance().removeEventFilter(self._press_watch)
        if self._pending_findings is not None:
            self.set_findings(self._pending_findings)
        else:
            self._show_highlights()
        if self._pending_edit:
            self._pending_edit = False
            self._after_edit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit_composition()  # a syllable is not lost by clicking away
        super().focusOutEvent(event)

    # --- edits ------------------------------------------------------------------------

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        if self._loading:
            return
        self._typed = True
        if self.is_composing():
            self._pending_edit = True
            return
        if removed == added or self.document().blockCount() != self._block_count:
            self._block_count = self.document().blockCount()
            self._rows = self._flagged = None
            self.viewport().update()  # numbers below may have changed
        self._after_edit()

    def _after_edit(self) -> None:
        self._pending_edit = False
        self.last_edit_label = self._edit_label or self._typing_label
        self._check_timer.start()
        if self._found is not None:
            self._found = None
            self._show_highlights()
        self.edited.emit()

    # --- paste and copy ---------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Plain text only; literal list markers become levels."""
        if source.hasText() and not self.isReadOnly():
            self._insert_text(source.text(), pdf=False)

    def createMimeDataFromSelection(self) -> QMimeData:
        mime = QMimeData()
        mime.setText(selection_as_text(self.textCursor()))
        return mime

    def _insert_text(self, text: str, *, pdf: bool) -> None:
        if self.isReadOnly() or not text:
            return
        if pdf:
            check = self._paste_checker()
            lines = [clean_pasted(line, check) for line in clean_pdf_text(text)]
        else:
            lines = _text_lines(text)
        if not lines:
            return
        cursor = self.textCursor()
        at_start = cursor.selectionStart() == cursor.document().findBlock(cursor.selectionStart()).position()
        pasted = parse_paragraphs(lines)
        first = pasted[0]
        if not at_start or not first.level:
            level = block_level(cursor.document().findBlock(cursor.selectionStart()))
            pasted[0] = Paragraph(first.text if at_start else lines[0], level)
        with self._edit_step(cursor, self.tr("貼上")):
            cursor.removeSelectedText()
            write_paragraphs(cursor, pasted, literals=False)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _paste_checker(self) -> Callable[[str], Sequence[Finding]]:
        """The report's paragraph checker, or the built-in rules when none is set."""
        if self._checker is not None:
            checker = self._checker
            return lambda text: checker(text, 0)
        return Checker.for_report(Report()).check_text

    # --- 轉為臺灣正體 -----------------------------------------------------------------

    def taiwan_conversion_preview(self) -> list[ConversionChange]:
        """What OpenCC s2twp would change in the selected paragraphs (all without a selection)."""
        cursor = self.textCursor()
        targets = selected_blocks(cursor) if cursor.hasSelection() else list(blocks(self.document()))
        changes = []
        for block in targets:
            text = block.text()
            changes += conversion_changes(block.blockNumber(), text, to_taiwan_traditional(text))
        return changes

    def apply_taiwan_conversion(self, changes: Sequence[ConversionChange]) -> bool:
        """Apply a previewed conversion as one undo step; False if the text changed since."""
        document = self.document()
        located = []
        for change in changes:
            block = document.findBlockByNumber(change.paragraph)
            text = block.text()
            if not block.isValid() or text[change.start : change.end] != change.old:
                return False
            base = block.position()
            located.append(
                (base + to_utf16(text, change.start), base + to_utf16(text, change.end), change.new)
            )
        cursor = QTextCursor(document)
        with self._edit_step(cursor, self.tr("轉為臺灣正體")):
            for start, end, new in sorted(located, reverse=True):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(new)
        return True

    def _convert_with_preview(self) -> None:
        from sqeditor.gui.conversion_dialog import ConversionPreviewDialog

        changes = self.taiwan_conversion_preview()
        if ConversionPreviewDialog.confirm(changes, self):
            self.apply_taiwan_conversion(changes)

    # --- findings: underlines, tooltips, context menu, the checker pass ---------------

    def _show_highlights(self) -> None:
        """Underline the findings; while composing, not those from the preedit on in its
        paragraph: Qt draws them at their document offsets, which the preedit's text covers."""
        self._flagged = None
        selections = self._highlights.selections()
        if self.is_composing():
            cursor = self.textCursor()
            block, at = cursor.block(), cursor.position()
            selections = [s for s in selections
                          if s.cursor.block() != block or s.cursor.selectionEnd() <= at]
        if self._found is not None:
            found = QTextEdit.ExtraSelection()
            found.cursor = self._found
            mark = QTextCharFormat()
            mark.setBackground(FOUND_COLOR)
            found.format = mark
            selections.append(found)
        self.setExtraSelections(selections)

    def _recheck(self) -> None:
        """Drop findings whose text was edited away; check paragraphs that changed."""
        if self.is_composing():
            return  # restarted when the composition ends
        changed = self._highlights.drop_stale()
        if self._checker is not None:
            changed |= self._run_checker()
        if changed:
            self._show_highlights()

    def _run_checker(self) -> bool:
        changed = False
        if len(self._check_cache) > _CHECK_CACHE_LIMIT:
            self._check_cache.clear()
        for block in blocks(self.document()):
            number, key = block.blockNumber(), (block.text(), block_level(block))
            if self._checked.get(number) == key:
                continue
            self._checked[number] = key
            if key not in self._check_cache:
                self._check_cache[key] = list(self._checker(*key))
            changed |= self._highlights.remove(lambda p, b=block: p.from_checker and p.cursor.block() == b)
            for finding in self._check_cache[key]:
                if dataclasses.is_dataclass(finding):
                    finding = dataclasses.replace(finding, paragraph=number)
                changed |= self._highlights.place_in_block(block, finding, from_checker=True)
        for number in [n for n in self._checked if n >= self.document().blockCount()]:
            del self._checked[number]
        return changed

    def _findings_at(self, position: int) -> list[PlacedFinding]:
        return [p for p in self._highlights.at(position) if not p.is_stale()]

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hits = self._findings_at(self.cursorForPosition(event.pos()).position())
            if hits:
                QToolTip.showText(event.globalPos(), "\n".join(p.finding.message for p in hits), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.step_ended.emit()  # what was typed is saved, so 復原 can take it back
        menu = self.createStandardContextMenu(event.pos())
        self._use_report_history(menu)
        first = menu.actions()[0] if menu.actions() else None
        position = self.cursorForPosition(event.pos()).position()
        finding_actions = self.finding_actions(position, menu)
        if finding_actions:
            menu.insertActions(first, finding_actions)
            menu.insertSeparator(first)
        menu.addSeparator()
        menu.addActions([*self._editing_actions, self.full_width_action])
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _use_report_history(self, menu: QMenu) -> None:
        """The report's 復原/重做 in place of the document's own: one undo history."""
        for action in menu.actions():
            replacement = self.history_actions.get(action.objectName())
            if replacement is not None:
                menu.insertAction(action, replacement)
                menu.removeAction(action)

    def finding_actions(self, position: int, parent: QMenu) -> list[QAction]:
        """Menu entries for the findings under a document position (apply, all, ignore, word)."""
        actions: list[QAction] = []
        if self.isReadOnly():
            return actions
        for placed in self._findings_at(position):
            actions += self._actions_for(placed, parent)
        return actions

    def _actions_for(self, placed: PlacedFinding, parent: QMenu) -> list[QAction]:
        finding = placed.finding
        title = QAction(finding.message, parent, enabled=False)
        actions = [title]
        for suggestion in finding.suggestions:
            if finding.grouped:
                text = self.tr("一次改好這一段的 {0} 處").format(finding.grouped)
            elif suggestion:
                text = self.tr("改為「{0}」").format(suggestion)
            else:
                text = self.tr("刪除「{0}」").format(finding.text)
            actions.append(self._finding_entry(text, parent, self._applier(placed, suggestion)))
        if finding.suggestions:
            count = self._same_count(finding)
            actions.append(
                self._finding_entry(
                    self.tr("全部套用（報告中共 {0} 處）").format(count),
                    parent,
                    lambda: self.finding_action.emit(
                        FindingAction.APPLY_ALL, finding, finding.suggestions[0]
                    ),
                )
            )
        actions.append(self._finding_entry(self.tr("忽略"), parent, lambda: self.ignore_finding(placed)))
        if finding.text.strip() and not finding.grouped:
            word = self.tr("將「{0}」加入字典").format(finding.text)
            actions.append(self._finding_entry(word, parent, lambda: self.add_to_dictionary(placed)))
        return actions

    def _applier(self, placed: PlacedFinding, suggestion: str) -> Callable[[], object]:
        return lambda: self.apply_suggestion(placed, suggestion)

    @staticmethod
    def _finding_entry(text: str, parent: QMenu, slot: Callable[[], object]) -> QAction:
        action = QAction(text, parent)
        action.triggered.connect(slot)
        return action

    def _same_count(self, finding: Finding) -> int:
        if self._finding_counter is not None:
            return self._finding_counter(finding)
        return sum(1 for f in self._highlights.findings() if (f.rule, f.text) == (finding.rule, finding.text))

    def apply_suggestion(self, placed: PlacedFinding, suggestion: str) -> bool:
        """Replace the flagged text (or imported marker) as one undo step; refused if edited meanwhile."""
        if self.isReadOnly() or self.is_composing() or placed.is_stale():
            return False
        cursor = QTextCursor(placed.cursor)
        with self._edit_step(cursor, fix_label(placed.finding, suggestion)):
            if placed.on_marker:
                cursor.setBlockFormat(level_format(block_level(cursor.block()), suggestion))
            else:
                cursor.insertText(suggestion)
        self._highlights.remove(lambda p: p is placed or p.is_stale())
        self._show_highlights()
        self.finding_action.emit(FindingAction.APPLY, placed.finding, suggestion)
        return True

    def ignore_finding(self, placed: PlacedFinding) -> None:
        self._highlights.remove(lambda p: p is placed)
        self._show_highlights()
        self.finding_action.emit(FindingAction.IGNORE, placed.finding, "")

    def add_to_dictionary(self, placed: PlacedFinding) -> None:
        word = placed.finding.text
        self._highlights.remove(lambda p: p.finding.text == word)
        self._show_highlights()
        self.finding_action.emit(FindingAction.ADD_TO_DICTIONARY, placed.finding, word)

    # --- painting ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._update_indent_width()
        super().changeEvent(event)

    def _update_indent_width(self) -> None:
        """One indent step holds the widest marker, so wrapped lines hang under the text."""
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance("(10)"), metrics.horizontalAdvance("甲、"))
        self.document().setIndentWidth(widest + metrics.horizontalAdvance(" "))
        self._rows = None
        self._marker_gap = metrics.horizontalAdvance(" ") / 2

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        rows = self._marker_rows()
        if rows:
            self._paint_markers(rows, event.rect().top(), event.rect().bottom())

    def _forget_marker_places(self) -> None:
        self._rows = None

    def _marker_rows(self) -> list[MarkerRow]:
        """Where each marker goes, kept until levels or block heights change (not per keystroke)."""
        if self._rows is None:
            self._rows = marker_rows(self.document())
        return self._rows

    def _paint_markers(self, rows: list[MarkerRow], top: int, bottom: int) -> None:
        """Draw the markers whose first line is in the repainted band."""
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        band = [row for row in rows if row.top - dy <= bottom and row.bottom - dy >= top]
        if not band:
            return
        if self._flagged is None:
            self._flagged = self._highlights.marker_severities()
        painter = QPainter(self.viewport())
        painter.setFont(self.document().defaultFont())
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        for row in band:
            width = metrics.horizontalAdvance(row.marker)
            x, baseline = row.text_x - dx - self._marker_gap - width, row.baseline - dy
            painter.drawText(QPointF(x, baseline), row.marker)
            severity = self._flagged.get(row.block)
            if severity:
                color = UNDERLINE_COLORS.get(severity, UNDERLINE_COLORS["info"])
                _draw_wave(painter, color, x, baseline + 2, width)
        painter.end()


def _with_commit(event: QInputMethodEvent, commit: str) -> QInputMethodEvent:
    """The same input method event committing other text."""
    if commit == event.commitString():
        return event
    changed = QInputMethodEvent(event.preeditString(), event.attributes())
    changed.setCommitString(commit, event.replacementStart(), event.replacementLength())
    return changed


class _PressWatch(QObject):
    """Installed on the application while a composition is open: a mouse press anywhere ends it
    as the editor's own commit first (Qt's ibus plugin would commit the raw preedit)."""

    def __init__(self, commit: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._commit = commit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            self._commit()
        return False


def _draw_wave(painter: QPainter, color: QColor, x: float, y: float, width: float) -> None:
    """A wavy underline like the one Qt draws under flagged text."""
    path = QPainterPath(QPointF(x, y))
    step = 2.0
    for index in range(1, int(width / step) + 1):
        path.lineTo(x + index * step, y + (step if index % 2 else 0))
    pen = painter.pen()
    painter.setPen(QPen(color, 1))
    painter.drawPath(path)
    painter.setPen(pen)


def _text_lines(text: str) -> list[str]:
    """Non-empty lines of pasted text, tabs as spaces, control characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\t", " ")
    lines = ("".join(ch for ch in line if ch >= " ") for line in text.split("\n"))
    return [line for line in lines if line.strip()]

"""What the window's parts (menus, action groups, find dialog, findings panel) may ask of it.

The parts are built by `MainWindow` against these protocols, so none of them imports the
window or reaches into its widgets: a part can be tested with any object that has these
members, and the window can change its layout without breaking them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqeditor.gui.result_editor import ResultEditor
    from sqeditor.gui.session import ReportSession
    from sqeditor.model import Node, Report


class ReportHost(Protocol):
    """The open report and the places in the window that show it."""

    @property
    def session(self) -> ReportSession | None: ...

    @property
    def template_mode(self) -> bool: ...

    def open_path(self, path: Path) -> bool:
        """Open a .sqreport; False (and the clerk told why) when it cannot be."""
        ...

    def open_report_as_untitled(self, report: Report) -> None: ...

    def current_node(self) -> Node | None: ...

    def selected_nodes(self) -> list[Node]:
        """The nodes selected in the tree (several with Ctrl or Shift), outermost only."""
        ...

    def select_node(self, node: Node | None) -> None: ...

    def editor_for(self, node_id: str) -> ResultEditor | None:
        """The result editor showing this row, if the window shows it now."""
        ...

    def current_editor(self) -> ResultEditor | None:
        """The result editor the clerk last worked in."""
        ...

    def save_typing(self, *, close_composition: bool = True) -> None:
        """Write what the clerk typed before the report is read or changed elsewhere."""
        ...

    def show_message(self, text: str) -> None:
        """A short note in the status bar."""
        ...


class WindowCommands(ReportHost, Protocol):
    """The window's own commands, for the menus and the toolbar."""

    def save_now(self) -> None: ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...

    def next_row(self, offset: int) -> None: ...

    def toggle_focus(self) -> None: ...

    def set_template_mode(self, on: bool) -> None: ...

    def expand_all(self) -> None: ...

    def collapse_all(self) -> None: ...

    def clear_filter(self) -> None: ...

    def set_progress_visible(self, visible: bool) -> None: ...

    def check_text(self) -> None:
        """Show the 文字檢查 panel and check the whole report now (F7)."""
        ...

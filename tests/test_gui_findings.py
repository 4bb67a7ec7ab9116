"""Writing-rule findings in the editor: panel, tree marks, go to, apply everywhere, dictionary."""


import pytest

from sqeditor.gui.findings_index import FindingAction
from sqeditor.store import ReportStore
from tests.conftest import visible_rows


@pytest.fixture
def window(window):
    """The shared window, with the whole report checked."""
    window.findings.run_check()
    return window


def test_panel_tree_marks_and_filter(window):
    index = window.findings_index
    findings = index.findings()
    assert len(findings) > 50
    assert window.findings.list.topLevelItemCount() == len(findings)
    counts = window.tree_model.findings
    assert counts == index.counts() and sum(counts.values()) == len(findings)
    window.filter_bar.problems_box.setChecked(True)
    shown = [node.id for node in visible_rows(window)]
    rows_with_problems = [r.id for r in window.session.report.rows() if counts.get(r.id)]
    assert shown == rows_with_problems and 0 < len(shown) < len(list(window.session.report.rows()))


def test_go_to_selects_the_flagged_text(window):
    row = next(i for i, f in enumerate(window.findings.shown) if f.field == "result" and f.text.strip())
    finding = window.findings.shown[row]
    window.findings.go_to(row)
    assert window.current_node().id == finding.node_id
    editor = window.rows.form_for(finding.node_id).editor
    assert editor.textCursor().selectedText() == finding.text


def test_apply_everywhere_is_one_step(window, sample_file):
    index = window.findings_index
    finding = next(f for f in index.findings() if f.rule == "C1")
    same = [f for f in index.findings() if (f.rule, f.text) == (finding.rule, finding.text)]
    assert len(same) >= 3
    window.findings.list.setCurrentItem(window.findings.list.topLevelItem(window.findings.shown.index(finding)))
    window.findings.apply_all_current()
    with ReportStore.open(sample_file, read_only=True) as store:
        texts = [r.result_text for r in store.load().rows()]
    assert not any(finding.text in t for t in texts)
    assert window.session.undo_stack.undoText().startswith("全部改為「平臺」")
    window.undo()
    with ReportStore.open(sample_file, read_only=True) as store:
        assert sum(finding.text in r.result_text for r in store.load().rows()) >= 3


def test_add_to_dictionary_from_the_editor_silences_the_word(window, qtbot, sample_file):
    finding = next(f for f in window.findings_index.findings() if f.rule == "R13")
    window.select_node(window.session.nodes[finding.node_id])
    form = window.rows.form_for(finding.node_id)
    form.editor.finding_action.emit(FindingAction.ADD_TO_DICTIONARY, finding, finding.text)
    with ReportStore.open(sample_file, read_only=True) as store:
        assert finding.text in store.load().dictionary
    window.findings.run_check()
    assert not any(f.text == finding.text and f.rule == "R13" for f in window.findings_index.findings())


def test_editor_underlines_while_typing(window, qtbot):
    row = next(window.session.report.rows())
    window.select_node(row)
    editor = window.rows.forms[0].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("計12項,並提升")
    qtbot.waitUntil(lambda: any(s.cursor.selectedText() == "," for s in editor.extraSelections()),
                    timeout=3000)


def test_ignored_finding_is_kept_in_the_file_and_undoable(window, sample_file):
    finding = next(f for f in window.findings_index.findings() if f.rule == "R9")
    window.findings.list.setCurrentItem(window.findings.list.topLevelItem(window.findings.shown.index(finding)))
    window.findings.ignore_current()
    window.findings.run_check()
    assert finding not in window.findings_index.findings()
    with ReportStore.open(sample_file, read_only=True) as store:
        assert (finding.rule, finding.node_id, finding.text) in store.ignored_findings()
    window.undo()
    window.findings.run_check()
    assert finding in window.findings_index.findings()

"""The one-way layers (pyproject.toml [tool.importlinter]): kept on this tree, broken by a planted
back edge. `make test` runs the same lint-imports; these tests prove the contracts can fail."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True,
                          timeout=120, check=False)


def test_this_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "planted", "broken", "named"), [
    ("store/codec.py", "from sqeditor.gui import labels", "Layers", "sqeditor.store.codec -> sqeditor.gui"),
    ("exchange/layout.py", "from sqeditor.printing import fonts", "Layers",
     "sqeditor.exchange.layout -> sqeditor.printing"),
    ("model/report.py", "import PySide6.QtCore", "never imports Qt", "sqeditor.model.report -> PySide6"),
    ("merge/split.py", "from sqeditor.rules import finding", "do not know each other",
     "sqeditor.merge.split -> sqeditor.rules"),
    ("exchange/formats.py", "from sqeditor.exchange import layout", "No import cycles",
     ".layout -> .formats"),
    ("gui/tool_actions.py", "from sqeditor.gui import main_window", "window's parts",
     "sqeditor.gui.tool_actions -> sqeditor.gui.main_window"),
    ("gui/findings_index.py", "from sqeditor.gui import result_editor", "findings index is data",
     "sqeditor.gui.findings_index -> sqeditor.gui.result_editor"),
    ("merge/draft_file.py", "import sqlite3", "All SQL lives in the store",
     "sqeditor.merge.draft_file -> sqlite3"),
])
def test_a_planted_back_edge_breaks_a_contract(tmp_path, module, planted, broken, named):
    shutil.copytree(ROOT / "sqeditor", tmp_path / "sqeditor", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "sqeditor" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{planted}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken_section = result.stdout.split("Broken contracts")[1]
    assert broken in broken_section
    assert named in broken_section

"""The window on small and changing screens, with Qt's offscreen platform given real screen sizes
(`offscreen:configfile=…`): 1366×768 laptops, full HD at 150 % (1280×720 logical), and a second
monitor that is gone on the next start. Each start is a separate editor process, as for the clerk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

# Opens the editor, shows it, optionally moves it and its findings panel, prints where things are.
DRIVER = '''
import json, sys
from PySide6.QtCore import QPoint, QRect, Qt
from sqeditor.gui.app import create_application
from sqeditor.gui.main_window import MainWindow

def box(r):
    return [r.x(), r.y(), r.width(), r.height()]

def on_screen(w):
    return box(QRect(w.mapToGlobal(QPoint(0, 0)), w.size()))

app = create_application(["sqeditor"])
window = MainWindow()
window.open_sample()
window.show()
for _ in range(5):
    app.processEvents()
if len(sys.argv) > 1:
    x, y, w, h = map(int, sys.argv[1:5])
    window.setGeometry(x, y, w, h)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.findings)
    app.processEvents()
print(json.dumps({"screens": [box(s.availableGeometry()) for s in app.screens()],
                  "frame": box(window.frameGeometry()), "status": on_screen(window.statusBar()),
                  "findings": on_screen(window.findings), "visible": window.findings.isVisible(),
                  "dock": window.dockWidgetArea(window.findings).name}))
window.close()
'''


def screens_config(folder: Path, *sizes: tuple[int, int, int, int]) -> str:
    config = folder / f"screens-{len(list(folder.glob('screens-*')))}.json"
    screens = [{"name": f"screen{i}", "x": x, "y": y, "width": w, "height": h, "logicalDpi": 96}
               for i, (x, y, w, h) in enumerate(sizes)]
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": screens}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def start(tmp_path: Path, platform: str, *move: int) -> dict:
    script = tmp_path / "drive.py"
    script.write_text(DRIVER, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=platform, XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, str(script), *map(str, move)], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1024, 600)])
def test_status_bar_and_findings_stay_on_a_small_screen(tmp_path, size):
    shown = start(tmp_path, screens_config(tmp_path, (0, 0, *size)))
    area = shown["screens"][0]
    assert inside(shown["frame"], area), shown
    assert inside(shown["status"], area) and inside(shown["findings"], area), shown


def test_a_large_screen_gets_the_preferred_size(tmp_path):
    shown = start(tmp_path, screens_config(tmp_path, (0, 0, 1920, 1080)))
    assert shown["frame"][2:] >= [1280, 800] and inside(shown["frame"], shown["screens"][0])


def test_geometry_and_docks_come_back_but_not_onto_a_missing_screen(tmp_path):
    two = screens_config(tmp_path, (0, 0, 1920, 1080), (1920, 0, 1600, 900))
    moved = start(tmp_path, two, 2000, 60, 1100, 700)
    assert moved["dock"] == "RightDockWidgetArea"
    again = start(tmp_path, two)
    assert again["frame"][0] >= 1920 and abs(again["frame"][2] - moved["frame"][2]) <= 4, (moved, again)
    assert again["dock"] == "RightDockWidgetArea"
    one = start(tmp_path, screens_config(tmp_path, (0, 0, 1366, 768)))
    assert inside(one["frame"], one["screens"][0]), one
    assert inside(one["status"], one["screens"][0]) and one["visible"]
    assert one["dock"] == "RightDockWidgetArea"

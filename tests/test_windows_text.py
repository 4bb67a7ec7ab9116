"""Text on Traditional Chinese Windows: cp950 is the default encoding there, so nothing may rely on it."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sqeditor.exchange.json_format import read_json, write_json
from sqeditor.model import Paragraph

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["sqeditor", "installer", "scripts", "benchmarks"]
RARE = "关𠀋堃喆"  # not in cp950: a Simplified character, Extension B, two names' characters


def _text_calls_without_encoding(path: Path) -> list[str]:
    """Calls that open, read, write or pipe text in the platform's default encoding."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or any(k.arg == "encoding" for k in call.keywords):
            continue
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("read_text", "write_text") or _opens_text(call, name) or _pipes_text(call, name):
            found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    return found


def _opens_text(call: ast.Call, name: str) -> bool:
    if name != "open":
        return False
    builtin = isinstance(call.func, ast.Name)
    args = call.args[1:] if builtin else call.args
    mode = next((k.value for k in call.keywords if k.arg == "mode"), args[0] if args else None)
    if mode is None:
        return builtin  # open(path) reads text; obj.open() without a mode is some other API
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value


def _pipes_text(call: ast.Call, name: str) -> bool:
    return name in ("run", "Popen", "check_output") and any(
        k.arg in ("text", "universal_newlines") and isinstance(k.value, ast.Constant) and k.value.value
        for k in call.keywords)


def test_every_text_read_and_write_names_its_encoding():
    files = [p for folder in SCANNED for p in (ROOT / folder).rglob("*.py")]
    files += list((ROOT / "installer").glob("*.spec"))
    assert len(files) > 50
    offenders = [hit for path in files for hit in _text_calls_without_encoding(path)]
    assert offenders == []


def test_the_scan_catches_a_default_encoding(tmp_path):
    planted = ROOT / "installer" / "planted_for_test.spec"
    planted.write_text('x = open("a").read() + Path("b").read_text()\nsubprocess.run(["a"], text=True)\n',
                       encoding="utf-8")
    try:
        assert len(_text_calls_without_encoding(planted)) == 3
    finally:
        planted.unlink()


@pytest.fixture
def rare_report(tmp_path, sample_report) -> Path:
    row = next(iter(sample_report.rows()))
    row.result = [Paragraph(text=f"本局{RARE}辦理。", level=0)]
    path = tmp_path / "rare.json"
    write_json(sample_report, path)
    return path


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_check_redirected_to_a_cp950_stream_writes_utf8(rare_report, extra):
    env = {**os.environ, "PYTHONIOENCODING": "cp950", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "sqeditor", "check", str(rare_report), *extra],
                          capture_output=True, env=env, cwd=ROOT, timeout=120)
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    out = done.stdout.decode("utf-8")
    assert "关" in out  # the Simplified-character finding quotes it
    if extra:
        json.loads(out)


def test_json_with_a_byte_order_mark_is_read(rare_report, tmp_path):
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + rare_report.read_bytes())
    assert read_json(with_bom).meta == read_json(rare_report).meta

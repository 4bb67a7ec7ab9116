"""The installer: the Inno Setup script checked as far as Linux can, and the PyInstaller bundle
built for real and run with no Python on the path (proves the spec misses no data file)."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from PySide6.QtGui import QImage, QImageReader

from sqeditor import __version__
from sqeditor.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "sqeditor.iss"
SPEC = INSTALLER / "sqeditor.spec"
APP_ID = "{{D2AB38A5-545F-42F5-940A-2CB6437D0C2E}"  # fixed forever: updates find the install by it
REPORT = "報告.sqreport"
BUNDLE_ENV = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
HEAVY_QT = ("Qt6WebEngine", "Qt63D", "Qt6Quick", "Qt6Qml", "Qt6Multimedia", "Qt6Pdf", "Qt6Network",
            "Qt6OpenGL", "Qt6Designer", "Qt6Charts")


# ---------------------------------------------------------------- reading the Inno Setup script

def iss_text() -> str:
    """The script with ISPP `#define`s expanded, comments and preprocessor lines dropped."""
    raw = ISS.read_bytes().decode("utf-8-sig")
    defines = dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', raw, re.MULTILINE))
    lines = [line for line in raw.splitlines() if not line.lstrip().startswith((";", "#"))]
    text = "\n".join(lines)
    for name, value in defines.items():
        text = text.replace(f"{{#{name}}}", value)
    return text


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in iss_text().splitlines():
        header = re.fullmatch(r"\[(\w+)\]", line.strip())
        if header:
            current = sections.setdefault(header.group(1), [])
        elif line.strip():
            current.append(line.strip())
    return sections


def iss_entries(section: str) -> list[dict[str, str]]:
    """`Name: "x"; Flags: a b` lines as dicts (values unquoted, "" inside quotes kept as ")."""
    entries = []
    for line in iss_sections().get(section, []):
        params = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        entries.append({key: value[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
                        for key, value in params})
    return entries


def setup_directives() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["Setup"])


def spec_constant(name: str) -> str:
    match = re.search(rf'^{name} = "([^"]+)"', SPEC.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{name} not in the spec"
    return match.group(1)


# ---------------------------------------------------------------- fast checks of the script

def test_iss_is_utf8_with_bom_and_names_shortcuts_in_chinese() -> None:
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf"), "Inno Setup misreads Chinese without a BOM"
    icons = iss_entries("Icons")
    names = {icon["Name"] for icon in icons}
    assert r"{group}\服務品質報告編輯器" in names
    desktop = [icon for icon in icons if icon["Name"].startswith("{userdesktop}")]
    assert desktop and desktop[0]["Tasks"] == "desktopicon"
    task = next(t for t in iss_entries("Tasks") if t["Name"] == "desktopicon")
    assert "unchecked" in task["Flags"], "the desktop shortcut is optional and off by default"
    assert setup_directives()["AppName"] == "服務品質報告編輯器"


def test_app_id_is_the_fixed_guid() -> None:
    app_id = setup_directives()["AppId"]
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", app_id)
    assert app_id == APP_ID


def test_installs_per_user_without_administrator_rights() -> None:
    setup = setup_directives()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"].startswith(("{userpf}", "{localappdata}"))
    text = iss_text()
    for machine_wide in ("{commonpf}", "{pf}", "{autopf}", "{commondesktop}", "{commonprograms}",
                         "{commonappdata}", "{win}", "{sys}"):
        assert machine_wide not in text
    roots = {entry["Root"] for entry in iss_entries("Registry")}
    assert roots == {"HKCU"}, "HKLM/HKCR/HKA would need administrator rights"


def test_sqreport_double_click_opens_the_bundled_editor() -> None:
    exe = spec_constant("APP_NAME") + ".exe"
    registry = {entry["Subkey"]: entry for entry in iss_entries("Registry")}
    prog_id = registry[r"Software\Classes\.sqreport"]["ValueData"]
    command = registry[rf"Software\Classes\{prog_id}\shell\open\command"]["ValueData"]
    assert command == rf'"{{app}}\{exe}" "%1"'
    assert registry[rf"Software\Classes\{prog_id}\DefaultIcon"]["ValueData"] == rf"{{app}}\{exe},0"
    assert setup_directives()["ChangesAssociations"] == "yes"
    # the program opens the editor when its only argument is a .sqreport (what Explorer passes)
    assert build_parser().parse_args(["gui", "x.sqreport"]).func.__name__ == "cmd_gui"


def test_every_file_the_script_names_comes_from_the_bundle_or_the_repo() -> None:
    """[Files] takes the whole PyInstaller folder that build_windows.ps1 writes; anything else
    it names must be in the repository; every {app} program it starts is one the spec builds."""
    collect = spec_constant("APP_NAME")
    build = (INSTALLER / "build_windows.ps1").read_text(encoding="utf-8")
    assert '"--distpath", "dist"' in build and "installer\\sqeditor.spec" in build
    sources = [entry["Source"] for entry in iss_entries("Files")]
    assert rf"..\dist\{collect}\*" in sources
    for source in sources:
        if not source.startswith(r"..\dist"):
            assert (INSTALLER / source.replace("\\", "/")).exists(), source
    for key in ("SetupIconFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile"):
        if key in setup_directives():
            assert (INSTALLER / setup_directives()[key].replace("\\", "/")).is_file()
    programs = {spec_constant("APP_NAME") + ".exe", spec_constant("CLI_NAME") + ".exe"}
    named = set(re.findall(r"\{app\}\\([^\\\",]+\.exe)", iss_text()))
    assert named and named <= programs


def read_ico(path: Path) -> dict[int, QImage]:
    """Each image of an .ico by its width, read by Qt's own ICO reader."""
    reader, images = QImageReader(str(path)), {}
    for _ in range(reader.imageCount()):
        image = reader.read()
        images[image.width()] = image
        reader.jumpToNextImage()
    return images


def test_the_program_and_installer_icon_is_the_drawing_in_every_size_windows_uses(
        qapp, tmp_path: Path) -> None:
    """sqeditor.ico is made from sqeditor.svg by scripts/make_icon.py; made again here, it must
    look the same (the drawing was changed without making the .ico again otherwise)."""
    committed = ROOT / "resources" / "icons" / "sqeditor.ico"
    fresh = tmp_path / "fresh.ico"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_icon.py"), "--out", str(fresh)],
                   check=True, capture_output=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    ours, again = read_ico(committed), read_ico(fresh)
    assert sorted(ours) == [16, 20, 24, 32, 40, 48, 64, 128, 256] == sorted(again)
    for size, image in ours.items():
        assert image.height() == size and not image.isNull()
        other = again[size]
        differing = sum(image.pixel(x, y) != other.pixel(x, y) for x in range(size) for y in range(size))
        assert differing <= size * size // 100, f"{size} px differs from the drawing"
    assert 'icon=ICON if WINDOWS' in SPEC.read_text(encoding="utf-8")
    assert setup_directives()["SetupIconFile"] == r"..\resources\icons\sqeditor.ico"


def test_every_window_shows_the_icon(qapp) -> None:
    from sqeditor.gui.app import app_icon

    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 256):
        pixmap = icon.pixmap(size, size)
        assert pixmap.width() == size and not pixmap.toImage().isNull()


def test_uninstall_keeps_the_clerks_files() -> None:
    assert "UninstallDelete" not in iss_sections(), "uninstall must only remove what it installed"
    # backups live in %LOCALAPPDATA%\sqeditor\backups (store/backups.py): never inside {app}
    assert setup_directives()["DefaultDirName"] not in (r"{localappdata}\sqeditor", "{localappdata}")
    for entry in iss_entries("InstallDelete"):
        assert entry["Name"].startswith("{app}\\"), entry
    for entry in iss_entries("Registry"):
        if "uninsdeletekey" in entry.get("Flags", "").split():
            assert entry["Subkey"].startswith(r"Software\Classes\sqeditor."), entry


def test_version_comes_only_from_the_package() -> None:
    raw = ISS.read_bytes().decode("utf-8-sig")
    assert re.search(r"#ifndef AppVersion\s+#error", raw), "ISCC must refuse to build without a version"
    assert setup_directives()["AppVersion"] == "{#AppVersion}"
    assert __version__ not in raw
    build = (INSTALLER / "build_windows.ps1").read_text(encoding="utf-8")
    assert "sqeditor.__version__" in build and '"/DAppVersion=$Version"' in build


# ---------------------------------------------------------------- the self-test the bundle runs

def test_self_test_passes_from_the_source_tree(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--self-test"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0, out
    assert out.count("OK") == 5 and "軟體與網路" in out


def test_self_test_fails_on_a_bundle_missing_its_resources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A frozen program looks for its data under sys._MEIPASS: an empty one must be reported."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["--self-test"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 1
    assert "FAIL" in out and "template.json" in out


# ---------------------------------------------------------------- the real bundle (slow)

@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per test run by the same script CI and developers use.

    pytest-xdist may tear a module fixture down and set it up again (a worker that runs out of
    queued tests finalizes everything), and two workers may both ask: a lock and a marker file
    in the run's shared temporary folder make every later request reuse the first build.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "installer-bundle"
    folder = out / "dist" / spec_constant("APP_NAME")
    with (shared / "installer-bundle.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = out / "built.txt"
        if not built.exists():
            start = time.monotonic()
            result = subprocess.run(["bash", str(INSTALLER / "build_linux.sh"), str(out / "dist"),
                                     str(out / "work")],
                                    capture_output=True, text=True, timeout=900, check=False)
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
            built.write_text(f"Linux bundle built in {time.monotonic() - start:.0f} s: "
                             f"{size / 2**20:.0f} MiB, {sum(1 for _ in folder.rglob('*'))} files")
    print("\n" + built.read_text())
    return folder


def run_bundled(bundle: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "sqeditor"), *args], cwd=cwd, env=BUNDLE_ENV,
                          capture_output=True, text=True, timeout=120, check=False)


def unresolved_libraries(bundle: Path) -> list[str]:
    """`lib needs dep` for every shared library whose dependency is neither bundled nor on the OS:
    what a too-eager exclusion in the spec would break on a clerk's machine."""
    system = set(re.findall(r"^\s+(\S+) \(", subprocess.run(
        ["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout, re.MULTILINE))
    libraries = [p for p in bundle.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    bundled = {p.name for p in bundle.rglob("*.so*")}
    missing = []
    for library in libraries:
        dump = subprocess.run(["objdump", "-p", str(library)], capture_output=True, text=True, check=False)
        for needed in re.findall(r"NEEDED\s+(\S+)", dump.stdout):
            if needed not in bundled and needed not in system:
                missing.append(f"{library.relative_to(bundle)} needs {needed}")
    return missing


def check_every_command_runs_without_python(bundle: Path, tmp_path: Path) -> None:
    """Every command a clerk or IT may use, on a file with a Chinese name, outside the source tree."""
    assert not tmp_path.is_relative_to(ROOT)
    version = run_bundled(bundle, tmp_path, "--version")
    assert version.stdout.strip() == f"sqeditor {__version__}", version.stderr
    self_test = run_bundled(bundle, tmp_path, "--self-test")
    assert self_test.returncode == 0, self_test.stdout + self_test.stderr
    assert "OpenCC" in self_test.stdout and "FAIL" not in self_test.stdout
    assert run_bundled(bundle, tmp_path, "sample", REPORT).returncode == 0
    assert (tmp_path / REPORT).is_file()
    check = run_bundled(bundle, tmp_path, "check", REPORT)  # the rules, with OpenCC inside
    assert check.returncode in (0, 1) and check.stdout.strip(), check.stdout + check.stderr
    for suffix in (".docx", ".pdf", ".xlsx", ".json"):
        exported = run_bundled(bundle, tmp_path, "export", REPORT, "-o", f"報告{suffix}")
        assert exported.returncode == 0, f"{suffix}: {exported.stdout}{exported.stderr}"
    assert "基礎服務" in Document(str(tmp_path / "報告.docx")).element.body.xml
    pdf_text = subprocess.run(["pdftotext", "報告.pdf", "-"], cwd=tmp_path, capture_output=True,
                              text=True, check=True).stdout
    assert "基礎服務" in pdf_text
    assert openpyxl.load_workbook(tmp_path / "報告.xlsx").active.max_row > 40


def check_editor_opens_a_report(bundle: Path, tmp_path: Path) -> None:
    """What a double-click does: `sqeditor x.sqreport` starts the GUI and keeps running.

    The window is up once its first queued task, the day's backup of the report, has run."""
    assert run_bundled(bundle, tmp_path, "sample", "x.sqreport").returncode == 0
    env = BUNDLE_ENV | {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
                        "SQEDITOR_BACKUP_DIR": str(tmp_path / "backups")}
    editor = subprocess.Popen([str(bundle / "sqeditor"), "x.sqreport"], cwd=tmp_path, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while (not any((tmp_path / "backups").rglob("*-daily.sqreport")) and editor.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.1)
        assert editor.poll() is None, editor.communicate()[1][-3000:]
        assert any((tmp_path / "backups").rglob("*-daily.sqreport")), "the window did not come up in 60 s"
    finally:
        editor.kill()
    assert "Traceback" not in editor.communicate()[1]


def check_lean_and_complete(bundle: Path) -> None:
    files = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()]
    assert not [f for f in files if any(heavy in f for heavy in HEAVY_QT)]
    assert not [f for f in files if "opencc/clib/" in f and ("/bin/" in f or f.endswith(".a"))]
    internal = "_internal/"
    for needed in ("resources/template.json", "resources/sample-110H2.json",
                   "opencc/clib/share/opencc/s2twp.json", "docx/templates/default.docx",
                   "PySide6/Qt/plugins/printsupport/", "PySide6/Qt/plugins/platforms/libqxcb.so",
                   "PySide6/Qt/translations/qtbase_zh_TW.qm", "resources/icons/sqeditor.svg",
                   "PySide6/Qt/plugins/iconengines/libqsvgicon.so"):
        assert any(f.startswith(internal + needed) for f in files), needed
    for ts in (ROOT / "translations").glob("*.ts"):
        assert f"{internal}translations/{ts.stem}.qm" in files
    for pack in (ROOT / "resources" / "rules").glob("*.toml"):
        assert f"{internal}resources/rules/{pack.name}" in files
    for doc in (ROOT / "docs").rglob("*"):  # the user guide 說明 → 使用說明 opens
        if doc.is_file():
            assert f"{internal}{doc.relative_to(ROOT).as_posix()}" in files
    missing = unresolved_libraries(bundle)
    assert not missing, f"bundled libraries need ones left out: {missing}"
    size = sum((bundle / f).stat().st_size for f in files if not (bundle / f).is_symlink())
    assert size < 200 * 2**20, f"bundle grew to {size / 2**20:.0f} MiB"
    # the installer script's programs exist in the bundle (Linux names have no .exe)
    named = set(re.findall(r"\{app\}\\([^\\\",]+)\.exe", iss_text()))
    assert {name for name in named if name != spec_constant("CLI_NAME")} <= {p.name for p in bundle.iterdir()}


@pytest.mark.slow
@pytest.mark.xdist_group("installer_bundle")
def test_linux_bundle(bundle: Path, tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    """One test, so that xdist never has two workers waiting for the same build (with pytest 9.2
    and xdist 3.8 `--dist loadgroup` does not keep xdist_group tests on one worker)."""
    record_property("summary", (bundle.parent.parent / "built.txt").read_text())
    check_lean_and_complete(bundle)
    (tmp_path / "commands").mkdir()
    check_every_command_runs_without_python(bundle, tmp_path / "commands")
    (tmp_path / "editor").mkdir()
    check_editor_opens_a_report(bundle, tmp_path / "editor")

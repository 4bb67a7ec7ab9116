"""Mutated real files thrown at every reader: only our own clear errors come out, and quickly."""

import io
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sqeditor.errors import SqeditorError
from sqeditor.file_formats import read_report, write_report
from sqeditor.model import Report
from sqeditor.store import ReportStore
from tests.conftest import REFERENCE_JSON

BOUND_SECONDS = 10.0  # per file; generous for a busy two-core machine
FORMATS = ["sqreport", "json", "docx", "xlsx"]


class Originals(dict):
    """The real files by format (a short repr keeps failure reports readable)."""

    def __repr__(self) -> str:
        return f"Originals({sorted(self)})"


class Hang(Exception):
    """A reader ran past the bound."""


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Interrupt Python code that runs past the bound (the elapsed time is also checked after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise Hang(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The sample written by our own writers: an exporter that fails fails every test here."""
    from sqeditor.exchange.builtin_reports import builtin_sample
    folder = tmp_path_factory.mktemp("originals")
    report: Report = builtin_sample()
    files = Originals(json=REFERENCE_JSON.read_bytes())
    ReportStore.create(folder / "r.sqreport", report).close()
    files["sqreport"] = (folder / "r.sqreport").read_bytes()
    for suffix in ("docx", "xlsx"):
        target = folder / f"r.{suffix}"
        write_report(report, target)
        files[suffix] = target.read_bytes()
    return files


def read_everything(path: Path) -> None:
    """What opening a file from outside does: read it, and for our own format open it to edit."""
    read_report(path)
    if path.suffix == ".sqreport":
        with ReportStore.open(path) as store:
            store.load()


def check_reader(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    started = time.monotonic()
    try:
        with bounded(BOUND_SECONDS):
            read_everything(path)
    except SqeditorError as exc:
        assert exc.message.strip()
    elapsed = time.monotonic() - started
    assert elapsed < BOUND_SECONDS, f"{path.name} took {elapsed:.1f} s"


def flip(data: bytes, changes: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for offset, value in changes:
        out[offset % len(out)] = value
    return bytes(out[:cut] if cut else out)


def flip_inside_zip(data: bytes, member: int, changes: list[tuple[int, int]]) -> bytes:
    """Mutate one part's uncompressed XML and zip it again, so the XML readers see the damage."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    target = infos[member % len(infos)].filename
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for info in infos:
            content = source.read(info)
            if info.filename == target and content:
                content = flip(content, changes, None)
            rebuilt.writestr(info.filename, content)
    return out.getvalue()


BYTE_CHANGES = st.lists(st.tuples(st.integers(0, 2**31), st.integers(0, 255)), min_size=1, max_size=8)
FUZZ = settings(max_examples=25, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def case_file(tmp_path_factory: pytest.TempPathFactory, originals: dict[str, bytes],
              fmt: str) -> tuple[Path, bytes]:
    return tmp_path_factory.mktemp("fuzz") / f"mutated.{fmt}", originals[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_unmutated_originals_read_back_whole(tmp_path, originals, fmt):
    """The fuzzing starts from files our readers accept, holding the sample's rows."""
    path = tmp_path / f"original.{fmt}"
    path.write_bytes(originals[fmt])
    read_everything(path)
    from sqeditor.exchange.builtin_reports import builtin_sample
    expected = [r.title for r in builtin_sample().rows()]
    assert [r.title for r in read_report(path).rows()] == expected


@pytest.mark.parametrize("fmt", FORMATS)
@FUZZ
@given(changes=BYTE_CHANGES, cut=st.none() | st.integers(1, 2**31))
@example(changes=[(1282, 128)], cut=None)  # found: a bad UTF-8 byte in a .sqreport's schema
@example(changes=[(46, 0)], cut=None)  # found: a broken deflate block in the first part of a zip
def test_mutated_bytes_give_only_our_errors_quickly(tmp_path_factory, originals, fmt, changes, cut):
    path, data = case_file(tmp_path_factory, originals, fmt)
    check_reader(path, flip(data, changes, cut % len(data) if cut else None))


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@FUZZ
@given(member=st.integers(0, 100), changes=BYTE_CHANGES)
def test_mutated_parts_inside_the_zip_give_only_our_errors(tmp_path_factory, originals, fmt, member,
                                                           changes):
    path, data = case_file(tmp_path_factory, originals, fmt)
    check_reader(path, flip_inside_zip(data, member, changes))


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@settings(FUZZ, max_examples=300)
@given(changes=BYTE_CHANGES, cut=st.none() | st.integers(1, 2**31))
def test_many_mutations(tmp_path_factory, originals, fmt, changes, cut):
    path, data = case_file(tmp_path_factory, originals, fmt)
    check_reader(path, flip(data, changes, cut % len(data) if cut else None))

"""The same hostile files given to every importer: refused quickly, in bounded memory, leaking nothing.

Each importer's own hostile tests are its author's; this one holds all of them to the same line.
"""

import io
import json
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sqeditor.exchange.builtin_reports import builtin_sample
from sqeditor.file_formats import write_report
from tests.conftest import REFERENCE_JSON

ROOT = Path(__file__).resolve().parent.parent
SECONDS_PER_FILE = 10.0
MEMORY_LIMIT = 2 * 1024**3  # address space of the reading process: a bomb fails here, not the PC
PEAK_RSS_MB = 700  # measured about 110 MB for the whole run
SECRET = "SECRET-5f0c-not-for-import"
MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/worksheets/sheet1.xml"}


def rezip(original: bytes, replace: dict[str, bytes], extra: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for index in range(extra):
            target.writestr(f"customXml/padding{index}.xml", b"<a/>")
    return out.getvalue()


def lying_sizes(original: bytes, part: str) -> bytes:
    """The main part declares 100 bytes but inflates to 20 MB: a bomb that hides from size checks."""
    data = rezip(original, {part: b"<a>" + b" " * 20_000_000 + b"</a>"})
    name = part.encode()
    out = bytearray(data)
    # (signature, offset of the uncompressed size, of the name's length, of the name) in each header
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, start + length_at)[0]
            if out[start + name_at:start + name_at + length] == name:
                struct.pack_into("<I", out, start + size_at, 100)
            start += 4
    return bytes(out)


def laughs(levels: int = 10) -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, levels))
    return (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">{entities}]>'
            f"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            f"<w:body><w:p><w:r><w:t>&l{levels - 1};</w:t></w:r></w:p></w:body></w:document>").encode()


def external(secret_file: Path, padding: int = 0) -> bytes:
    return ('<?xml version="1.0"?>' + "<!--" + " " * padding + "-->"
            + f'<!DOCTYPE w [<!ENTITY x SYSTEM "file://{secret_file}">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>").encode()


def deep(levels: int = 200_000) -> bytes:
    return b"<a>" * levels + b"</a>" * levels


def zip_hostiles(fmt: str, original: bytes, secret_file: Path) -> dict[str, bytes]:
    part = MAIN_PART[fmt]
    return {
        "zip bomb": rezip(original, {part: b"<a>" + b" " * 30_000_000 + b"</a>"}),
        "lying sizes": lying_sizes(original, part),
        "billion laughs": rezip(original, {part: laughs()}),
        "external entity": rezip(original, {part: external(secret_file)}),
        "entity after 5 KB": rezip(original, {part: external(secret_file, padding=5000)}),
        "deep nesting": rezip(original, {part: deep()}),
        "thousands of parts": rezip(original, {}, extra=3000),
        "not a zip": b"PK\x03\x04" + bytes(range(256)) * 40,
        "empty": b"",
        "old office file": bytes.fromhex("D0CF11E0A1B11AE1") + bytes(4096),
    }


def json_hostiles() -> dict[str, bytes]:
    sample = json.loads(REFERENCE_JSON.read_text(encoding="utf-8"))
    return {
        "deep nesting": b"[" * 200_000 + b"]" * 200_000,
        "deep in sections": json.dumps({**sample, "sections": [[[[[[[[[[[]]]]]]]]]]]}).encode(),
        "huge number": b'{"roc_year": ' + b"9" * 100_000 + b', "sections": []}',
        "300,000 sections": json.dumps({**sample, "sections": [{}] * 300_000}).encode(),
        "not utf-8": b"\xff\xfe" + "報告".encode("utf-16-le"),
        "empty": b"",
    }


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("hostile")
    secret_file = folder / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    files: dict[str, bytes] = {f"{name}.json": data for name, data in json_hostiles().items()}
    real: dict[str, bytes] = {}
    for fmt in MAIN_PART:
        write_report(builtin_sample(), folder / f"real.{fmt}")
        real[fmt] = (folder / f"real.{fmt}").read_bytes()
        files |= {f"{name}.{fmt}": data for name, data in zip_hostiles(fmt, real[fmt], secret_file).items()}
    files["xlsx content.docx"], files["docx content.xlsx"] = real["xlsx"], real["docx"]
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_every_importer_refuses_hostile_files_quickly_in_bounded_memory(hostile_files):
    done = subprocess.run([sys.executable, "-m", "tests.hostile_reader", *map(str, hostile_files)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=limit_memory,
                          check=False)
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    results = {r["file"]: r for r in lines[1:]}
    assert set(results) == {p.name for p in hostile_files}, done.stderr[-2000:]
    problems = []
    for name, result in results.items():
        if result["outcome"].startswith("crash"):
            problems.append(f"{name}: {result['outcome']} {result['text']}")
        if result["seconds"] > SECONDS_PER_FILE:
            problems.append(f"{name}: took {result['seconds']} s")
        if SECRET in result["text"]:
            problems.append(f"{name}: the imported report contains a local file's content")
    assert not problems, "\n".join(problems)
    assert max(r["peak_mb"] for r in lines) < PEAK_RSS_MB

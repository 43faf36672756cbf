"""Office files other tools read and we used to refuse: templates and shows, Strict OOXML, the
default password, a claimed dimension far beyond the last row, packages with a missing or
broken part (indexed and reported as partly read), and packages heavy with pictures."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.library.formats import FORMATS, format_of
from indexer.extract import READERS, extract_file
from indexer.extract.base import Extracted, Failure, FailureReason, Limits
from indexer.extract.ooxml import DEFAULT_PASSWORD, open_package
from indexer.pipeline import update_index
from tests.conftest import CORPUS, REPO
from tests.factories import write_docx, write_pptx, write_xlsx

_PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# The main-part content type each variant's [Content_Types].xml names: how real ones differ.
_VARIANTS: dict[str, tuple[str, str]] = {
    ".potx": (
        _PPTX_MAIN,
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    ),
    ".ppsx": (
        _PPTX_MAIN,
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    ),
    ".ppsm": (_PPTX_MAIN, "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"),
    ".dotx": (
        _DOCX_MAIN,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    ),
    ".dotm": (_DOCX_MAIN, "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
    ".xltm": (_XLSX_MAIN, "application/vnd.ms-excel.template.macroEnabled.main+xml"),
}
_TRANSITIONAL_TO_STRICT = [
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
    ),
]
_TRANSITIONAL_AREA = re.compile(
    rb"http://schemas\.openxmlformats\.org/"
    rb"(officeDocument|wordprocessingml|spreadsheetml|presentationml|drawingml)/2006/"
)


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a package with each member passed through `change` (None drops it)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def _with_main_content_type(source: Path, target: Path, old: str, new: str) -> Path:
    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            assert old.encode() in data
            return data.replace(old.encode(), new.encode())
        return data

    return _rewrite(source, target, change)


def _as_strict(source: Path, target: Path) -> Path:
    """The package with Transitional names made Strict, as Word/Excel's "Strict Open XML"."""

    def change(name: str, data: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")) or name == "[Content_Types].xml":
            return data
        for transitional, strict in _TRANSITIONAL_TO_STRICT:
            data = data.replace(transitional, strict)
        return _TRANSITIONAL_AREA.sub(rb"http://purl.oclc.org/ooxml/\1/", data)

    return _rewrite(source, target, change)


def _read(path: Path) -> Extracted:
    result = extract_file(path)
    assert isinstance(result, Extracted), result
    return result


def _deck(tmp_path: Path, name: str = "deck.pptx") -> Path:
    return write_pptx(
        tmp_path / name,
        ["Pricing for plants", "Payback in nine months", "Onboarding checklist"],
        title="Plant ROI",
    )


def _writer_for(suffix: str, tmp_path: Path) -> Path:
    if suffix.startswith(".p"):
        return _deck(tmp_path)
    if suffix.startswith(".d"):
        return write_docx(tmp_path / "doc.docx", ["Pricing for plants"], title="Plant ROI")
    return write_xlsx(tmp_path / "book.xlsx", [["Pricing for plants", 12]], title="Plant ROI")


# --- templates and shows -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", sorted(_VARIANTS))
def test_templates_and_shows_are_read_by_the_office_readers(tmp_path: Path, suffix: str) -> None:
    old, new = _VARIANTS[suffix]
    path = _with_main_content_type(_writer_for(suffix, tmp_path), tmp_path / f"v{suffix}", old, new)
    assert suffix in FORMATS and suffix in READERS
    extracted = _read(path)
    assert "pricing for plants" in extracted.text.lower()
    assert extracted.title == "Plant ROI"
    assert extracted.partly_read == ""


def test_a_show_keeps_its_slides(tmp_path: Path) -> None:
    old, new = _VARIANTS[".ppsx"]
    path = _with_main_content_type(_deck(tmp_path), tmp_path / "show.ppsx", old, new)
    extracted = _read(path)
    assert [s.location for s in extracted.segments] == [1, 2, 3]
    assert format_of("Show.PPSX").kind == "presentation"


# --- Strict OOXML ------------------------------------------------------------------------------


def test_real_strict_workbook_is_read_sheet_by_sheet() -> None:
    extracted = _read(CORPUS / "xlsx" / "tika_testEXCEL.strict.xlsx")
    sheets = [s for s in extracted.segments if s.location is not None]
    assert len(sheets) == 3  # the cells, not only the shared strings
    assert "2nd row 2nd column" in sheets[0].text


@pytest.mark.parametrize("suffix", [".pptx", ".docx", ".xlsx"])
def test_strict_packages_are_read_not_damaged(tmp_path: Path, suffix: str) -> None:
    path = _as_strict(_writer_for(suffix, tmp_path), tmp_path / f"strict{suffix}")
    with zipfile.ZipFile(path) as package:
        assert b"purl.oclc.org/ooxml" in package.read("_rels/.rels")
    extracted = _read(path)
    assert "pricing for plants" in extracted.text.lower()
    assert extracted.title == "Plant ROI"
    assert extracted.partly_read == ""  # read by the library, not from its parts alone


# --- the default password ----------------------------------------------------------------------


def _encrypted(source: Path, target: Path, password: str) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with source.open("rb") as stream, target.open("wb") as out:
        OOXMLFile(stream).encrypt(password, out)
    return target


def test_real_workbook_with_the_default_password_is_read() -> None:
    extracted = _read(CORPUS / "xlsx" / "poi_58616.xlsx")  # Apache POI's bug 58616 file
    assert len(extracted.text) > 1000


@pytest.mark.parametrize("suffix", [".docx", ".pptx", ".xlsx"])
def test_default_password_opens_any_password_does_not(tmp_path: Path, suffix: str) -> None:
    plain = _writer_for(suffix, tmp_path)
    default = _encrypted(plain, tmp_path / f"default{suffix}", DEFAULT_PASSWORD)
    assert "pricing for plants" in _read(default).text.lower()
    other = _encrypted(plain, tmp_path / f"other{suffix}", "hunter2")
    assert extract_file(other) == Failure(
        FailureReason.PASSWORD_PROTECTED, "needs a password to open"
    )


def test_real_password_protected_files_stay_protected() -> None:
    for name in ("docx/tika_testWORD_protected_passtika.docx", "xlsx/poi_protected_sample.xlsx"):
        path = CORPUS / name
        if path.exists():
            result = extract_file(path)
            assert isinstance(result, Failure), name
            assert result.reason == FailureReason.PASSWORD_PROTECTED, name


# --- a claimed dimension -----------------------------------------------------------------------


def test_a_huge_claimed_dimension_stops_at_the_last_row(tmp_path: Path) -> None:
    """Five rows, the last at the sheet's very bottom, under a dimension claiming every cell:
    padded out to the claim that is 17 billion cells (over 60 s); read as it is, a few."""
    rows = [[f"row {n} words", n] for n in range(1, 6)]
    source = write_xlsx(tmp_path / "small.xlsx", rows)
    claim = b'<dimension ref="A1:XFD1048576"'

    def claim_everything(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data, count = re.subn(rb'<dimension ref="[^"]*"', claim, data)
            assert count == 1
            for old, new in (
                (b'r="5"', b'r="1048576"'),
                (b'"A5"', b'"A1048576"'),
                (b'"B5"', b'"B1048576"'),
            ):
                assert old in data
                data = data.replace(old, new)
        return data

    path = _rewrite(source, tmp_path / "claims.xlsx", claim_everything)
    started = time.perf_counter()
    extracted = _read(path)
    seconds = time.perf_counter() - started
    assert "row 4 words | 4\nrow 5 words" in extracted.text
    assert seconds < 20.0  # about 2 s on a loaded 2-core machine; over 90 s when padded


# --- partly read -------------------------------------------------------------------------------


def test_a_deck_missing_a_slide_is_indexed_and_partly_read(tmp_path: Path) -> None:
    path = _rewrite(
        _deck(tmp_path),
        tmp_path / "missing.pptx",
        lambda name, data: None if name == "ppt/slides/slide2.xml" else data,
    )
    extracted = _read(path)
    assert [s.location for s in extracted.segments] == [1, 3]
    assert extracted.partly_read == "slide 2 is missing from the package"


def test_a_deck_with_a_broken_slide_is_indexed_and_partly_read(tmp_path: Path) -> None:
    path = _rewrite(
        _deck(tmp_path),
        tmp_path / "broken.pptx",
        lambda name, data: data[: len(data) // 2] if name == "ppt/slides/slide2.xml" else data,
    )
    extracted = _read(path)
    assert "onboarding checklist" in extracted.text.lower()
    assert "ppt/slides/slide2.xml is broken XML" in extracted.partly_read
    assert "Traceback" not in extracted.partly_read and "/tmp" not in extracted.partly_read


def test_a_document_with_a_broken_part_is_partly_read(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "doc.docx", ["Pricing for plants", "Payback in months"])
    path = _rewrite(
        source,
        tmp_path / "broken.docx",
        lambda name, data: data.replace(b"</w:body>", b"") if name == "word/document.xml" else data,
    )
    extracted = _read(path)
    assert "pricing for plants" in extracted.text.lower()
    assert "word/document.xml is broken XML" in extracted.partly_read


def test_a_workbook_with_a_broken_sheet_keeps_the_rows_before_the_break(tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "book.xlsx", [[f"row {n} words"] for n in range(1, 200)])

    def break_off(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            cut = data.index(b'<row r="150"')
            return data[:cut] + b'<row r="150"><c r="A150" t="inlineStr"><is><t>oops'
        return data

    extracted = _read(_rewrite(source, tmp_path / "broken.xlsx", break_off))
    assert "row 100 words" in extracted.text
    assert extracted.partly_read.startswith("sheet 'Sheet' is broken after row")


def test_a_whole_file_is_not_partly_read() -> None:
    assert _read(CORPUS / "pptx" / "pptx_test.pptx").partly_read == ""


# --- the index summary, its cache and the command line -----------------------------------------


@pytest.fixture
def partly_library(make_library, tmp_path: Path) -> Path:
    deck = _deck(tmp_path)

    def missing_slide(path: Path) -> None:
        _rewrite(deck, path, lambda n, d: None if n == "ppt/slides/slide2.xml" else d)

    return make_library({"Decks/missing.pptx": missing_slide, "Decks/whole.pptx": deck_copy(deck)})


def deck_copy(deck: Path) -> Callable[[Path], object]:
    return lambda path: shutil.copyfile(deck, path)


def test_summary_reports_partly_read_files_also_from_the_cache(
    partly_library: Path, tmp_path: Path
) -> None:
    settings = Settings(library=partly_library, home=tmp_path / "home")
    expected = [("Decks/missing.pptx", "slide 2 is missing from the package")]
    first = update_index(settings, workers=1)
    assert first.added == 2 and first.partly_read == expected
    assert first.to_json()["partly_read"] == [
        {"id": "Decks/missing.pptx", "reason": "slide 2 is missing from the package"}
    ]
    shutil.rmtree(settings.index_dir)  # a rebuild: the text comes from the extraction cache
    again = update_index(settings, workers=1)
    assert again.extracted == 0 and again.partly_read == expected


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONTENTFINDER_HOME": str(home), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "contentfinder.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_cli_index_names_partly_read_files(partly_library: Path, tmp_path: Path) -> None:
    result = _cli("index", "--library", str(partly_library), "--json", home=tmp_path / "h1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["partly_read"] == [
        {"id": "Decks/missing.pptx", "reason": "slide 2 is missing from the package"}
    ]
    human = _cli("index", "--library", str(partly_library), home=tmp_path / "h2")
    assert "partly read: Decks/missing.pptx: slide 2 is missing from the package\n" in human.stdout


# --- pictures and media ------------------------------------------------------------------------


def test_a_picture_heavy_package_is_read_from_its_text_parts(tmp_path: Path) -> None:
    picture = os.urandom(3 * 1024 * 1024)  # incompressible, as a photo is
    path = _deck(tmp_path)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("ppt/media/image9.jpeg", picture)
    with open_package(path, Limits()) as package:
        assert isinstance(package.source, io.BytesIO)  # a copy, not the file
        assert package.zip.read("ppt/media/image9.jpeg") == b""
        assert package.unread == ()
    extracted = _read(path)
    assert "payback in nine months" in extracted.text.lower()
    assert extracted.partly_read == ""


def test_a_light_package_is_handed_over_as_it_is(tmp_path: Path) -> None:
    path = _deck(tmp_path, "light.pptx")
    with open_package(path, Limits()) as package:
        assert package.source == str(path)


def test_every_variant_suffix_has_a_preview_reader() -> None:
    pytest.importorskip("PySide6")
    from ui.preview.reader import has_reader

    for suffix in _VARIANTS:
        assert has_reader(f"file{suffix}"), suffix

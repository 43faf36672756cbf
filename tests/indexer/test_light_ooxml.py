"""The Word and PowerPoint readers' light path (parts read straight from the ZIP) reads every
file exactly as the python-docx and python-pptx path does, and hands what it does not expect
to that path."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indexer.extract import extract_file, opc
from indexer.extract.base import Extracted, Limits
from tests.conftest import CORPUS
from tests.factories import write_docx, write_pptx

_OFFICE = (".docx", ".docm", ".dotx", ".dotm", ".pptx", ".pptm", ".potx", ".ppsx", ".ppsm")


def _through_the_libraries(path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:

        def refused(*args: object, **kwargs: object) -> None:
            raise opc.Unusual("the light path is off in this test")

        patch.setattr(opc, "LightPackage", refused)
        return extract_file(path, Limits())


def _light_path_used(path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    used: list[bool] = []
    real = opc.LightPackage
    with monkeypatch.context() as patch:

        def spy(*args: object, **kwargs: object) -> opc.LightPackage:
            package = real(*args, **kwargs)  # type: ignore[arg-type]
            used.append(True)
            return package

        patch.setattr(opc, "LightPackage", spy)
        extract_file(path, Limits())
    return bool(used)


def _deck_with_everything(path: Path) -> Path:
    """A deck with a group, a table, a line break, a field-free text box and notes."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Pricing overview"
    group = slide.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.text_frame.text = "inside a group"
    box.text_frame.paragraphs[0].add_line_break()
    box.text_frame.add_paragraph().text = "second paragraph"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(3), Inches(4), Inches(1)).table
    table.cell(0, 0).text, table.cell(1, 1).text = "tier", "enterprise"
    slide.notes_slide.notes_text_frame.text = "speaker notes here"
    deck.slides.add_slide(deck.slide_layouts[6])  # blank: no title, no text
    deck.save(str(path))
    return path


def test_made_files_read_alike_and_take_the_light_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        write_docx(tmp_path / "a.docx", ["first", "second"], heading="Intro", title="T"),
        write_pptx(tmp_path / "b.pptx", ["one", "two"], notes=["note one"]),
        _deck_with_everything(tmp_path / "c.pptx"),
    ]
    for path in files:
        light = extract_file(path, Limits())
        assert isinstance(light, Extracted), path
        assert light == _through_the_libraries(path, monkeypatch), path
        assert _light_path_used(path, monkeypatch), path
    deck = extract_file(files[2], Limits())
    assert isinstance(deck, Extracted)
    lines = deck.text.splitlines()
    assert lines == [
        "Pricing overview",
        "inside a group",
        "second paragraph",
        "tier",
        "enterprise",
        "speaker notes here",
    ]
    assert deck.first_heading == "Pricing overview"


def test_corpus_office_files_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in _OFFICE)
    assert len(files) > 30
    for path in files:
        assert extract_file(path, Limits()) == _through_the_libraries(path, monkeypatch), path


def test_a_missing_part_goes_to_python_docx(tmp_path: Path) -> None:
    """python-docx refuses a package whose relationships name a part it lacks; the light path
    leaves it to python-docx, which reports it as partly read."""
    source = write_docx(tmp_path / "whole.docx", ["some words"])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as whole, zipfile.ZipFile(broken, "w") as copy:
        for info in whole.infolist():
            if info.filename != "word/styles.xml":
                copy.writestr(info, whole.read(info.filename))
    with zipfile.ZipFile(broken) as package, pytest.raises(opc.Unusual, match="missing"):
        opc.LightPackage(package)
    result = extract_file(broken, Limits())
    assert isinstance(result, Extracted)
    assert "some words" in result.text and result.partly_read

"""Real documents for tests, written with the same libraries marketers' tools produce."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEST_TAXONOMY = """
[facets.persona]
label = "Persona"
multi = true
[[facets.persona.values]]
name = "CFO"
synonyms = ["chief financial officer", "finance leader"]
[[facets.persona.values]]
name = "CISO"
synonyms = ["chief information security officer"]
[[facets.persona.values]]
name = "VP Sales"
synonyms = ["sales leader"]

[facets.stage]
label = "Funnel stage"
multi = false
[[facets.stage.values]]
name = "awareness"
synonyms = ["tofu", "top of funnel"]
[[facets.stage.values]]
name = "consideration"
synonyms = ["mofu"]
[[facets.stage.values]]
name = "decision"
synonyms = ["bofu", "purchase"]

[facets.pain]
label = "Pain point"
multi = true
[[facets.pain.values]]
name = "cost reduction"
synonyms = ["tco", "budget pressure"]
[[facets.pain.values]]
name = "security compliance"
synonyms = ["soc 2", "compliance"]
[[facets.pain.values]]
name = "legacy migration"
synonyms = ["migration downtime"]

[facets.industry]
label = "Industry"
multi = true
[[facets.industry.values]]
name = "manufacturing"
synonyms = ["factories"]
[[facets.industry.values]]
name = "retail"
synonyms = []
"""


def write_docx(
    path: Path,
    paragraphs: list[str],
    *,
    title: str = "",
    keywords: str = "",
    subject: str = "",
    category: str = "",
    heading: str = "",
) -> Path:
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    props = document.core_properties
    props.title, props.keywords, props.subject, props.category = title, keywords, subject, category
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_pptx(
    path: Path,
    slides: list[str],
    *,
    title: str = "",
    keywords: str = "",
    notes: list[str] | None = None,
) -> Path:
    from pptx import Presentation

    deck = Presentation()
    for index, text in enumerate(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"Slide {index + 1}"
        slide.placeholders[1].text = text
        if notes and index < len(notes):
            slide.notes_slide.notes_text_frame.text = notes[index]
    deck.core_properties.title = title
    deck.core_properties.keywords = keywords
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(path))
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], *, title: str = "", keywords: str = ""
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.properties.title = title
    workbook.properties.keywords = keywords
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(str(path))
    return path


def write_pdf(
    path: Path, pages: list[str], *, title: str = "", keywords: str = "", subject: str = ""
) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if title:
        pdf.set_title(title)
    if keywords:
        pdf.set_keywords(keywords)
    if subject:
        pdf.set_subject(subject)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def write_text(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def touch_later(path: Path, seconds: int = 10) -> None:
    """Move a file's modification time on, as an editor saving it again would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`contentfinder ARGS…` as a user runs it: a new process, from the checkout."""
    repo = Path(__file__).resolve().parent.parent
    return subprocess.run(
        [sys.executable, "-m", "contentfinder.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(repo), **(env or {})},
        cwd=repo,
        timeout=300,
        check=False,
    )

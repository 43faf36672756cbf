"""The Office readers on the files issue 14 names: picture-heavy decks and documents (CPU per
file) and a workbook whose dimension claims every cell over five rows (seconds), beside the
same readers of a baseline checkout on the same files, alternating.

    .venv/bin/python benchmarks/office_bench.py [--baseline /path/to/main-checkout] [--repeat 3]

The files are generated into a temporary folder (20 decks and 20 documents, four photos of
incompressible pixels each; the workbook's last row at the sheet's bottom). Prints medians.
A baseline run that passes `--timeout` seconds is reported as such, not waited for.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MEASURE = """
import sys, time
from pathlib import Path
from indexer.extract import extract_file
warm_up, *paths = [Path(p) for p in sys.argv[2:]]
extract_file(warm_up)  # imports and first-use costs out of the measurement
clock = time.process_time if sys.argv[1] == "cpu" else time.perf_counter
started = clock()
for path in paths:
    extract_file(path)
print((clock() - started) / len(paths))
"""


def _photo() -> io.BytesIO:
    from PIL import Image

    image = Image.frombytes("RGB", (700, 500), os.urandom(700 * 500 * 3))
    stream = io.BytesIO()
    image.save(stream, "JPEG", quality=95)
    stream.seek(0)
    return stream


def make_picture_files(folder: Path, count: int = 20) -> list[Path]:
    import docx
    from docx.shared import Inches as DocxInches
    from pptx import Presentation
    from pptx.util import Inches

    paths = []
    for i in range(count):
        deck = Presentation()
        for n in range(4):
            slide = deck.slides.add_slide(deck.slide_layouts[5])
            slide.shapes.title.text = f"Slide {n} of deck {i} about plant payback"
            slide.shapes.add_picture(_photo(), Inches(1), Inches(2), width=Inches(4))
        deck.save(folder / f"deck{i}.pptx")
        document = docx.Document()
        for n in range(4):
            document.add_paragraph(f"Paragraph {n} of document {i} about onboarding " * 5)
            document.add_picture(_photo(), width=DocxInches(4))
        document.save(folder / f"doc{i}.docx")
        paths += [folder / f"deck{i}.pptx", folder / f"doc{i}.docx"]
    return paths


def make_claiming_workbook(folder: Path) -> tuple[Path, Path]:
    """The workbook claiming every cell, and the same five rows as written (a warm-up)."""
    from openpyxl import Workbook

    workbook = Workbook()
    for n in range(1, 6):
        workbook.active.append([f"row {n} words", n])
    plain = folder / "plain.xlsx"
    workbook.save(plain)
    target = folder / "claims.xlsx"
    with zipfile.ZipFile(plain) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
                for a, b in (
                    (b'r="5"', b'r="1048576"'),
                    (b'"A5"', b'"A1048576"'),
                    (b'"B5"', b'"B1048576"'),
                ):
                    data = data.replace(a, b)
            new.writestr(info.filename, data)
    return target, plain


def measure(
    checkout: Path, clock: str, warm_up: Path, paths: list[Path], timeout: float
) -> float | None:
    """Seconds per file in a new process of `checkout`, after reading `warm_up` once; None
    when it ran past `timeout`."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, clock, str(warm_up), *map(str, paths)],
            capture_output=True,
            text=True,
            env=env,
            cwd=checkout,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout.strip().splitlines()[-1])


def _median(values: list[float | None], unit: float, label: str, timeout: float) -> str:
    if any(v is None for v in values):
        return f"over {timeout:g} s (killed)"
    return f"{statistics.median(values) * unit:.2f} {label}"  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to measure beside")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    checkouts = {"this checkout": ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    with tempfile.TemporaryDirectory() as folder:
        pictures = make_picture_files(Path(folder))
        workbook, plain = make_claiming_workbook(Path(folder))
        cpu: dict[str, list[float | None]] = {name: [] for name in checkouts}
        wall: dict[str, list[float | None]] = {name: [] for name in checkouts}
        for _ in range(args.repeat):  # alternating, so both see the same load
            for name, checkout in checkouts.items():
                cpu[name].append(measure(checkout, "cpu", pictures[0], pictures, args.timeout))
                wall[name].append(measure(checkout, "wall", plain, [workbook], args.timeout))
        print(f"{len(pictures)} picture-heavy files, median of {args.repeat} runs:")
        for name in checkouts:
            print(f"  {name:14} {_median(cpu[name], 1000, 'ms CPU per file', args.timeout)}")
        print("a 5-row workbook claiming A1:XFD1048576, median wall time:")
        for name in checkouts:
            print(f"  {name:14} {_median(wall[name], 1, 's', args.timeout)}")


if __name__ == "__main__":
    main()

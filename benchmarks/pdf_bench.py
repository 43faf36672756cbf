"""PDF reading: the pypdf reader (main's before issue 14) against pdfium text, per file.

    .venv/bin/python benchmarks/pdf_bench.py [--n 1000] [--repeat 3] [--realworld DIR]

Three readers over the PDFs of a generated library (`benchmarks/corpus.py`, cached in
benchmarks/.data; library-N-7) and of the real-world corpus:

- pypdf: `pdf._pypdf_extract`, the whole reader as main had it (the baseline);
- pdfium: `pdf_text.read_pdf`, page text alone;
- reader: `pdf.extract`, what the indexer runs now (pdfium's text, pypdf's properties and
  encryption check, pypdf's text where pdfium fails).

Each file is read by each reader in turn, `--repeat` rounds with the order rotated, in this one
process (CPU time: other processes' load counts less than in wall time). It prints the median
per file and the total for each reader, and per corpus how many files each reads words in and
how many fail. Each file whose outcome changed is listed with "lost": the words of 3 letters or
more pypdf read that the new reader reads nowhere (hyphenated halves joined and ligatures spelt
out first, as the new reader gives "recommendation" and "fi" where pypdf gave "recom- mendation"
and "ﬁ": those make word counts fall without any text being lost).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import cached_library, is_complete, library_path  # noqa: E402
from indexer.extract import pdf  # noqa: E402
from indexer.extract.base import Limits  # noqa: E402
from indexer.extract.common import TextBudget, normalise, quiet_libraries  # noqa: E402
from indexer.extract.pdf_text import read_pdf  # noqa: E402

REALWORLD = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "realworld"
LIMITS = Limits()


def _pypdf(path: Path) -> str:
    return pdf._pypdf_extract(path, LIMITS).text


def _pdfium(path: Path) -> str:
    return "\n".join(page.text for page in read_pdf(path, TextBudget(LIMITS)).pages)


def _reader(path: Path) -> str:
    return pdf.extract(path, LIMITS).text


READERS: dict[str, Callable[[Path], str]] = {"pypdf": _pypdf, "pdfium": _pdfium, "reader": _reader}


@dataclass
class Outcome:
    seconds: list[float] = field(default_factory=list)
    words: int = 0
    failed: str = ""
    text: str = ""


def _read(reader: Callable[[Path], str], path: Path) -> tuple[float, str, str]:
    started = time.process_time()
    try:
        with quiet_libraries("pypdf", "pypdfium2"):
            text = reader(path)
    except Exception as exc:  # noqa: BLE001 - a failure is an outcome to count
        return time.process_time() - started, "", f"{type(exc).__name__}: {exc}"[:70]
    return time.process_time() - started, normalise(text), ""


_LINE_END_HYPHEN = re.compile(r"(\w)-\n(\w)")
_WORD = re.compile(r"[^\W\d_]{3,}")


def _words(text: str) -> set[str]:
    """Distinct words of 3 letters or more, ligatures spelt out, hyphenated halves joined."""
    text = unicodedata.normalize("NFKC", _LINE_END_HYPHEN.sub(r"\1\2", text)).casefold()
    return set(_WORD.findall(text))


def missing_words(before: str, after: str) -> int:
    """How many of the words read before are nowhere in what is read now: text lost."""
    return len(_words(before) - _words(after))


def measure(files: list[Path], repeat: int) -> dict[str, dict[Path, Outcome]]:
    outcomes = {name: {path: Outcome() for path in files} for name in READERS}
    names = list(READERS)
    for round_number in range(repeat):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for path in files:
            for name in order:
                seconds, text, failed = _read(READERS[name], path)
                outcome = outcomes[name][path]
                outcome.seconds.append(seconds)
                outcome.words, outcome.failed = len(text.split()), failed
                if name != "pdfium":  # the two whole readers' texts are compared
                    outcome.text = text
    return outcomes


def report(title: str, outcomes: dict[str, dict[Path, Outcome]]) -> None:
    files = list(next(iter(outcomes.values())))
    print(f"\n== {title}: {len(files)} PDFs")
    print(f"{'reader':8} {'median ms/file':>15} {'total s':>9} {'with text':>10} {'failed':>7}")
    for name, per_file in outcomes.items():
        medians = [statistics.median(o.seconds) for o in per_file.values()]
        with_text = sum(1 for o in per_file.values() if o.words > 0)
        failed = sum(1 for o in per_file.values() if o.failed)
        print(
            f"{name:8} {statistics.median(medians) * 1000:15.2f} {sum(medians):9.2f} "
            f"{with_text:10d} {failed:7d}"
        )
    before, after = outcomes["pypdf"], outcomes["reader"]
    changed = [
        p for p in files if (before[p].words, before[p].failed) != (after[p].words, after[p].failed)
    ]
    worse = [p for p in changed if after[p].failed and not before[p].failed]
    print(f"newly failed under the reader: {len(worse)}; outcomes that changed:")
    for path in changed:
        old, new = before[path], after[path]
        was = old.failed or f"{old.words} words"
        now = new.failed or f"{new.words} words"
        lost = missing_words(old.text, new.text)
        print(f"  {path.name[:50]:50} pypdf {was[:32]:32} -> reader {now[:32]:32} lost {lost}")


def generated_pdfs(n: int) -> list[Path]:
    root = library_path(n)
    if not is_complete(root, n, 7):
        root = cached_library(n)
    return sorted(root.rglob("*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="assets in the generated library")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--realworld", type=Path, default=REALWORLD)
    parser.add_argument("--max-files", type=int, default=0, help="generated PDFs to read (0: all)")
    args = parser.parse_args()
    generated = generated_pdfs(args.n)
    if args.max_files:
        generated = generated[: args.max_files]
    realworld = sorted(args.realworld.glob("pdf/*.pdf")) + sorted(
        args.realworld.glob("legacy/*.pdf")
    )
    print(f"CPU time per file (median of {args.repeat} rounds, readers in rotating order)")
    report(f"generated library-{args.n}-7", measure(generated, args.repeat))
    report(f"real-world {args.realworld}", measure(realworld, args.repeat))


if __name__ == "__main__":
    main()

"""What every reader shares: decoding bytes to text, tidying whitespace, the text budget.

Readers hand their raw segments to `finish`, which normalises and truncates them, so each
reader only has to find text, never to police its size.
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from indexer.extract.base import Extracted, Limits, Segment

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Detection looks at a sample: charset-normalizer is slow on megabytes and gains nothing.
_DETECTION_SAMPLE = 256 * 1024
_HORIZONTAL_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# Control characters other than tab and newline only make noise in an index and a snippet.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
FIRST_HEADING_MAX = 120
_PROBLEMS_SHOWN = 3


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as in mostly-Latin UTF-16."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.4 * len(zeros) and other.count(0) == 0:
            return encoding
    return None


def decode_text(data: bytes, *, declared: str | None = None) -> str:
    """Bytes of a text file as text: BOM, declared charset, strict UTF-8, detection, Latin-1.

    `declared` is what the file says about itself (an HTML meta charset); it is trusted only
    when the bytes decode under it, and not over valid non-ASCII UTF-8, which is far more
    often right than a stale declaration.
    """
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        return data[skip:].decode(encoding, errors="replace")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and (not declared or not utf8.isascii()):
        return utf8
    if declared:
        text = _strict(data, declared)
        if text is not None:
            return text
    utf16 = utf16_without_bom(data[:4096])
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    detected = _detect(data)
    if detected is not None:
        return data.decode(detected, errors="replace")
    return data.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECTION_SAMPLE]).best()
    if best is None:
        return None
    try:
        codecs.lookup(best.encoding)
    except LookupError:
        return None
    return best.encoding


def normalise(text: str) -> str:
    """Collapse runs of spaces, keep line breaks (they carry paragraph structure)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    lines = (_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def one_line(text: str | None) -> str:
    """A property or heading as a single tidy line."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def clip_segments(segments: Iterable[Segment], max_chars: int) -> tuple[Segment, ...]:
    """Normalised, non-empty segments, cut once their total reaches `max_chars`."""
    kept: list[Segment] = []
    budget = max_chars
    for segment in segments:
        if budget <= 0:
            break
        text = normalise(segment.text)[:budget]
        if text:
            kept.append(Segment(text, segment.location))
            budget -= len(text)
    return tuple(kept)


def finish(
    segments: Iterable[Segment],
    limits: Limits,
    *,
    title: str | None = "",
    first_heading: str | None = "",
    keyword_strings: Iterable[str | None] = (),
    facet_values: Iterable[tuple[str, str]] = (),
    author: str | None = "",
    partly_read: Iterable[str] = (),
) -> Extracted:
    """The reader's findings as an `Extracted`, tidied and within the text budget.
    `partly_read` names each part that could not be read."""
    heading = one_line(first_heading)
    return Extracted(
        segments=clip_segments(segments, limits.max_text_chars),
        title=one_line(title),
        first_heading=heading if len(heading) <= FIRST_HEADING_MAX else "",
        keyword_strings=tuple(k for k in (one_line(s) for s in keyword_strings) if k),
        facet_values=tuple(facet_values),
        author=one_line(author),
        partly_read=problems_line(partly_read),
    )


def problems_line(problems: Iterable[str]) -> str:
    """What could not be read, as one line: the first few problems, and how many more."""
    unique = list(dict.fromkeys(one_line(p) for p in problems if p))
    shown = "; ".join(unique[:_PROBLEMS_SHOWN])
    more = len(unique) - _PROBLEMS_SHOWN
    return f"{shown}; and {more} more" if more > 0 else shown


def short_detail(exc: BaseException, limit: int = 120) -> str:
    """A library's error message as one short line for a `Failure` detail."""
    text = one_line(str(exc)) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def first_line(text: str) -> str:
    """The first non-empty line, if short enough to pass for a heading."""
    for line in text.splitlines():
        line = one_line(line)
        if line:
            return line if len(line) <= FIRST_HEADING_MAX else ""
    return ""


class TextBudget:
    """Counts characters as a reader collects them, so it can stop reading a huge file early."""

    def __init__(self, limits: Limits) -> None:
        self.left = limits.max_text_chars

    def take(self, text: str) -> str:
        text = text[: max(self.left, 0)]
        self.left -= len(text)
        return text

    @property
    def spent(self) -> bool:
        return self.left <= 0


@contextmanager
def quiet_libraries(*logger_names: str) -> Iterator[None]:
    """Silence a library's warnings and log chatter about a broken file while reading it.

    Libraries warn about every oddity of a damaged file; the reader reports what matters as a
    `Failure`, and the test suite turns stray warnings into errors.
    """
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)

"""What every format reader returns, and the closed vocabulary of reasons a file can fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class FailureReason(str, Enum):
    """Why a file could not be indexed; each value is what the user reads."""

    PASSWORD_PROTECTED = "password-protected"
    DAMAGED = "damaged"
    UNSUPPORTED = "unsupported format"
    MISLABELLED = "content does not match its suffix"
    EMPTY = "empty"
    TIMED_OUT = "timed out"
    TOO_LARGE = "too large"


class ExtractionError(Exception):
    """Raised by a reader for a file it cannot read; becomes a `Failure`."""

    def __init__(self, reason: FailureReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Segment:
    """A run of text and where it sits: page of a PDF, slide of a deck, sheet of a workbook."""

    text: str
    location: int | None = None  # 1-based page / slide / sheet number; None for flowing text


@dataclass(frozen=True)
class Extracted:
    """Everything a reader finds in one file."""

    segments: tuple[Segment, ...]
    title: str = ""  # embedded title property (core properties, PDF info, <title>, front matter)
    first_heading: str = ""  # first heading of the body, a fallback title
    # Keyword strings to split on ';' and ',' (keywords, category, subject, <meta keywords>).
    keyword_strings: tuple[str, ...] = ()
    # Explicit (facet, value) pairs, e.g. from Markdown front matter keys named after facets.
    facet_values: tuple[tuple[str, str], ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.segments if s.text)


@dataclass(frozen=True)
class Limits:
    """Guards that keep one hostile or huge file from hurting the run."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_unpacked_bytes: int = 512 * 1024 * 1024  # total uncompressed size of an OOXML package
    max_compression_ratio: float = 200.0  # a zip bomb packs far tighter than any office file
    max_text_chars: int = 2_000_000  # text kept per asset; the rest is not indexed
    seconds_per_file: float = 60.0


@dataclass(frozen=True)
class Failure:
    """A file that could not be read, as a value: the reason and a one-line human detail."""

    reason: FailureReason
    detail: str = ""

    @property
    def message(self) -> str:
        return f"{self.reason.value}: {self.detail}" if self.detail else self.reason.value

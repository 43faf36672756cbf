"""What every format reader returns, and the closed vocabulary of reasons a file can fail."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from contentfinder.index.extracted import Extracted, Segment

__all__ = ["Extracted", "ExtractionError", "Failure", "FailureReason", "Limits", "Segment"]


class FailureReason(StrEnum):
    """Why a file could not be indexed; each value is what the user reads."""

    PASSWORD_PROTECTED = "password-protected"
    DAMAGED = "damaged"
    UNSUPPORTED = "unsupported format"
    MISLABELLED = "content does not match its suffix"
    EMPTY = "empty"
    TIMED_OUT = "timed out"
    TOO_LARGE = "too large"
    UNREADABLE = "cannot be opened"  # permissions, a vanished network share


class ExtractionError(Exception):
    """Raised by a reader for a file it cannot read; becomes a `Failure`."""

    def __init__(self, reason: FailureReason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


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

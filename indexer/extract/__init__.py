"""Text extraction, one module per format; `extract_file` routes a file to its reader."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from indexer.extract.base import Extracted, ExtractionError, Failure, FailureReason, Limits
from indexer.extract.cfb import describe as describe_ole
from indexer.extract.ooxml import ole_failure
from indexer.extract.sniff import sniff

Reader = Callable[[Path, Limits], Extracted]

_DETAIL_MAX = 160


def _lazy(module: str) -> Reader:
    """A reader that imports its module on first use, so importing this package stays cheap."""

    def read(path: Path, limits: Limits) -> Extracted:
        reader: Reader = importlib.import_module(f"indexer.extract.{module}").extract
        return reader(path, limits)

    read.__name__ = f"{module}.extract"
    return read


# The routing table: suffix -> (reader module, what `sniff` must find in the file before that
# reader may open it). The suffixes are those of `contentfinder.library.formats.FORMATS`.
_ROUTES: dict[str, tuple[str, str]] = {
    ".pdf": ("pdf", "pdf"),
    ".docx": ("docx", "zip"),
    ".docm": ("docx", "zip"),
    ".dotx": ("docx", "zip"),
    ".dotm": ("docx", "zip"),
    ".pptx": ("pptx", "zip"),
    ".pptm": ("pptx", "zip"),
    ".potx": ("pptx", "zip"),
    ".ppsx": ("pptx", "zip"),
    ".ppsm": ("pptx", "zip"),
    ".xlsx": ("xlsx", "zip"),
    ".xlsm": ("xlsx", "zip"),
    ".xltx": ("xlsx", "zip"),
    ".xltm": ("xlsx", "zip"),
    ".md": ("markdown", "text"),
    ".markdown": ("markdown", "text"),
    ".txt": ("text", "text"),
    ".html": ("html", "text"),
    ".htm": ("html", "text"),
}
READERS: dict[str, Reader] = {suffix: _lazy(module) for suffix, (module, _) in _ROUTES.items()}


def reader_modules(suffixes: Iterable[str]) -> tuple[str, ...]:
    """The reader modules files with these suffixes are read by, each once: what a worker
    about to read them may import before the first file comes."""
    modules = (_ROUTES.get(suffix.lower(), (None, ""))[0] for suffix in suffixes)
    return tuple(sorted({f"indexer.extract.{m}" for m in modules if m is not None}))


EXPECTED_CONTENT: dict[str, str] = {suffix: content for suffix, (_, content) in _ROUTES.items()}

# How a detail names what a file is and what its suffix promised.
_CONTENT_NAMES: dict[str, str] = {
    "pdf": "a PDF",
    "zip": "a ZIP archive",
    "cfb": "an Office 97-2003 (OLE) file",
    "text": "plain text",
    "binary": "binary data",
    "empty": "empty",
}
_FORMAT_NAMES: dict[str, str] = {
    "pdf": "a PDF",
    "zip": "an Office document",
    "text": "text",
}
# Content a reader may still make sense of although it is not what the suffix promises:
# a PDF that lost its header looks like binary data.
_TOLERATED: set[tuple[str, str]] = {("pdf", "binary")}


DEFAULT_LIMITS = Limits()


def extract_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Extracted | Failure:
    """What `path` says, or why it cannot be read. Never raises."""
    result = _extract_or_fail(path, limits)
    if isinstance(result, Failure) and str(path) in result.detail:
        # Libraries quote the full path; the user already sees which file, and it is long.
        return Failure(result.reason, result.detail.replace(str(path), path.name))
    return result


def _extract_or_fail(path: Path, limits: Limits) -> Extracted | Failure:
    try:
        return _extract(path, limits)
    except ExtractionError as exc:
        return Failure(exc.reason, exc.detail)
    except OSError as exc:
        return Failure(FailureReason.UNREADABLE, exc.strerror or _summary(exc))
    except MemoryError:
        return Failure(FailureReason.TOO_LARGE, "ran out of memory while reading it")
    except RecursionError:
        return Failure(FailureReason.DAMAGED, "its structure is nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - a reader's bug must cost one file, not the run
        return Failure(FailureReason.DAMAGED, _summary(exc))


def _extract(path: Path, limits: Limits) -> Extracted | Failure:
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        return Failure(
            FailureReason.UNSUPPORTED, f"{suffix or 'files without a suffix'} files are not indexed"
        )
    size = path.stat().st_size
    if size == 0:
        return Failure(FailureReason.EMPTY, "the file is empty")
    if size > limits.max_file_bytes:
        return Failure(
            FailureReason.TOO_LARGE,
            f"{size // 2**20} MB, more than the {limits.max_file_bytes // 2**20} MB allowed",
        )
    mismatch = _content_mismatch(path, EXPECTED_CONTENT[suffix])
    if mismatch is not None:
        return mismatch
    return reader(path, limits)


def _content_mismatch(path: Path, expected: str) -> Failure | None:
    found = sniff(path)
    if found == expected or (expected, found) in _TOLERATED:
        return None
    if found == "cfb" and expected == "zip":
        if describe_ole(path) == "encrypted":
            return None  # the reader tries the default password, else says it is protected
        error = ole_failure(path)  # a renamed legacy file
        return Failure(error.reason, error.detail)
    if found == "binary" and expected == "zip":
        return Failure(FailureReason.DAMAGED, "not a valid Office file (no ZIP package inside)")
    return Failure(
        FailureReason.MISLABELLED,
        f"the file is {_CONTENT_NAMES[found]}, not {_FORMAT_NAMES[expected]}",
    )


def _summary(exc: BaseException) -> str:
    """One line naming the error, for a user's screen: no traceback, no paragraphs."""
    message = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= _DETAIL_MAX else text[: _DETAIL_MAX - 1] + "…"

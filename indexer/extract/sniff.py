"""What a file really contains, judged from its first bytes, whatever its suffix claims.

Kinds: "pdf", "zip", "cfb" (an OLE container), "text", "binary", "empty". The checks are
tables, tried in order: signatures at the start, then signatures anywhere in the first
kilobyte, then a text test.
"""

from __future__ import annotations

import re
from pathlib import Path

from indexer.extract.cfb import MAGIC as CFB_MAGIC
from indexer.extract.common import bom_encoding, utf16_without_bom

SAMPLE_BYTES = 1024

# Signatures at offset 0, checked in order.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty archive: still a (broken) package, not random bytes
    (b"PK\x07\x08", "zip"),  # a spanned archive's marker
    (CFB_MAGIC, "cfb"),
)
# Signatures found anywhere in the sample: BOMs, print-ticket headers and AppleSingle wrappers
# put junk before "%PDF-"; some damaged PDFs lose the header but keep "1 0 obj".
_EMBEDDED: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"%PDF-"), "pdf"),
    (re.compile(rb"^%[^\r\n]*[\r\n]+\s*\d+\s+\d+\s+obj\b"), "pdf"),
)
# Bytes text does not contain: NUL and the C0 controls other than tab, LF, FF, CR and ESC.
# Real text files do carry a few (a mail export with a stray binary run), while compressed
# or image data is about one in ten, so the test is a share, not "any NUL".
_BINARY_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13, 27})) + b"\x7f"
_MAX_BINARY_SHARE = 0.05


def sniff(path: Path) -> str:
    """The kind of content in `path`, from its first `SAMPLE_BYTES` bytes."""
    with path.open("rb") as stream:
        sample = stream.read(SAMPLE_BYTES)
    return sniff_bytes(sample)


def sniff_bytes(sample: bytes) -> str:
    if not sample:
        return "empty"
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            return kind
    for pattern, kind in _EMBEDDED:
        if pattern.search(sample):
            return kind
    return "text" if _looks_like_text(sample) else "binary"


def _looks_like_text(sample: bytes) -> bool:
    if bom_encoding(sample) is not None or utf16_without_bom(sample) is not None:
        return True
    odd = sum(sample.count(byte) for byte in _BINARY_BYTES)
    return odd <= _MAX_BINARY_SHARE * len(sample)

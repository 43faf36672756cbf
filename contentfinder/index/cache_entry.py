"""The bytes of an extraction cache entry, written now and before.

Format 4 (December 2026): inside a Zstandard frame, one line of JSON with everything but the
text (title, first heading, keywords, facets, author, what could not be read, each segment's
length and location, and where the text goes on after the title), a line break, then the
segments' texts as UTF-8 with a line break between each two. JSON never writes a line break
of its own, so the first one ends the header. A search reads an entry's text as one string
(`JoinedText`) without decoding it from JSON, joining it or looking for its title again: at
5,000 assets these were about a quarter of what a new hit cost.

Formats 1–3 are one JSON object, and are still read. Zstandard compresses every entry written
since December 2026; against zlib (which wrote those before, still read) a third faster to
write, three times faster to read (65 -> 20 us for a text of about 13 KB) and a tenth smaller.
An app older than format 4 finds a format 4 entry damaged and extracts the file again.
"""

from __future__ import annotations

import json
import zlib

import zstandard

from contentfinder.index import zstd_codecs
from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.joined_text import SEPARATOR, JoinedText, starts_of

# 2: entries carry the embedded author; 3: PDF text is read by pdfium; 4: the text apart
ENTRY_VERSION = 4
AUTHOR_VERSION = 2  # an entry older than this has no author: the file is asked for it
# A PDF entry older than this holds pypdf's text (words split at line-end hyphens, the files
# pypdf gave up on): the indexer extracts the file again instead.
PDF_TEXT_VERSION = 3
ZSTD_LEVEL = 3  # Zstandard's default: level 1 is no faster to read and 3% larger
# An entry claiming more text than this is no extraction of ours (the longest books come to a
# few megabytes): refused before Zstandard sets aside the room it claims.
MAX_ENTRY_BYTES = 256 * 1024 * 1024
_HEADER_END = SEPARATOR.encode()
# What bytes that are not an entry raise on the way (a caller treats the entry as missing).
NOT_AN_ENTRY = (
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    zlib.error,
    zstandard.ZstdError,
)


def entry_bytes(extracted: Extracted) -> bytes:
    """The entry of `extracted`, in format ENTRY_VERSION."""
    joined = JoinedText.of(extracted)
    header = {
        "version": ENTRY_VERSION,
        "author": extracted.author,
        "partly_read": extracted.partly_read,
        "title": extracted.title,
        "first_heading": extracted.first_heading,
        "keyword_strings": list(extracted.keyword_strings),
        "facet_values": [list(pair) for pair in extracted.facet_values],
        "lengths": [len(s.text) for s in extracted.segments],
        "locations": list(joined.locations),
        "opening": joined.opening,
    }
    raw = json.dumps(header, ensure_ascii=False).encode() + _HEADER_END + joined.text.encode()
    return zstd_codecs.compressor(ZSTD_LEVEL).compress(raw)


def entry_payload(data: dict) -> bytes:
    """The bytes of a format 1–3 entry holding `data` (one JSON object): as the versions
    before format 4 wrote them, for tests of what they wrote."""
    text = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return zstd_codecs.compressor(ZSTD_LEVEL).compress(text)


def entry_data(payload: bytes) -> dict:
    """The data an entry's bytes hold, in the shape of formats 1–3 (one object, its
    `segments` a list of [text, location]) whatever the format. Raises one of NOT_AN_ENTRY
    for other bytes."""
    header, text = _split(_inflated(payload))
    if text is None:
        return header
    data = {k: v for k, v in header.items() if k not in ("lengths", "locations", "opening")}
    data["segments"] = [[s.text, s.location] for s in _joined(header, text).segments]
    return data


def extracted_of(payload: bytes) -> tuple[Extracted, int]:
    """An entry's extraction and the format it was written in. Raises one of NOT_AN_ENTRY."""
    data = entry_data(payload)
    return _extracted(data), int(data.get("version", 1))


def joined_of(payload: bytes) -> JoinedText:
    """An entry's text as search reads it. Raises one of NOT_AN_ENTRY."""
    header, text = _split(_inflated(payload))
    if text is None:  # formats 1-3: joined here
        return JoinedText.of(_extracted(header))
    return _joined(header, text)


def _extracted(data: dict) -> Extracted:
    """The extraction of an entry's data in the shape of formats 1–3 (see `entry_data`)."""
    return Extracted(
        segments=tuple(Segment(text, location) for text, location in data["segments"]),
        title=data["title"],
        first_heading=data["first_heading"],
        keyword_strings=tuple(data["keyword_strings"]),
        facet_values=tuple((facet, value) for facet, value in data["facet_values"]),
        author=str(data.get("author") or ""),
        partly_read=str(data.get("partly_read") or ""),
    )


def _joined(header: dict, text: str) -> JoinedText:
    return JoinedText(
        text=text,
        starts=starts_of(header["lengths"]),
        locations=tuple(header["locations"]),
        title=str(header["title"]),
        first_heading=str(header["first_heading"]),
        opening=int(header["opening"]),
    )


def _inflated(payload: bytes) -> bytes:
    if not payload.startswith(zstandard.FRAME_HEADER):  # the bytes every frame starts with
        return zlib.decompress(payload)
    size = zstandard.frame_content_size(payload)
    if not 0 <= size <= MAX_ENTRY_BYTES:  # -1: a frame not saying its size, not one of ours
        raise ValueError(f"an entry of {size} bytes")
    return zstd_codecs.decompressor().decompress(payload)


def _split(raw: bytes) -> tuple[dict, str | None]:
    """The header and text of a format 4 entry; the whole object and None for an older one."""
    end = raw.find(_HEADER_END)
    if end < 0:
        found = json.loads(raw)
        if not isinstance(found, dict):
            raise TypeError("an entry that is no object")
        return found, None
    header = json.loads(raw[:end])
    if not isinstance(header, dict) or int(header["version"]) < 4:
        raise ValueError("a format 4 entry's header")
    text = raw[end + len(_HEADER_END) :].decode()
    lengths, locations = header["lengths"], header["locations"]
    joined = sum(lengths) + len(SEPARATOR) * max(len(lengths) - 1, 0)
    if len(lengths) != len(locations) or joined != len(text):
        raise ValueError("segments that are not the entry's text")
    return header, text

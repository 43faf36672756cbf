"""Strict OOXML (ISO/IEC 29500 Strict) read as Transitional: a table of namespace URIs.

Strict packages say the same things as Transitional ones under other namespaces
(`http://purl.oclc.org/ooxml/...`); python-docx, python-pptx and openpyxl know only the
Transitional names, so each XML part's bytes are rewritten before a library reads them.
"""

from __future__ import annotations

import re

STRICT_MARK = b"http://purl.oclc.org/ooxml/"
_STRICT = "http://purl.oclc.org/ooxml/"
_TRANSITIONAL = "http://schemas.openxmlformats.org/"

# Strict name -> Transitional name, relative to the two roots. The general rule is
# "a/b" -> "a/2006/b"; the exceptions are names that changed spelling as well.
_EXCEPTIONS: dict[str, str] = {
    "officeDocument/relationships/extendedProperties": (
        "officeDocument/2006/relationships/extended-properties"
    ),
    "officeDocument/relationships/customProperties": (
        "officeDocument/2006/relationships/custom-properties"
    ),
    "officeDocument/extendedProperties": "officeDocument/2006/extended-properties",
    "officeDocument/customProperties": "officeDocument/2006/custom-properties",
}
_AREAS = (
    "officeDocument",
    "wordprocessingml",
    "spreadsheetml",
    "presentationml",
    "drawingml",
    "schemaLibrary",
)
NAMESPACES: dict[bytes, bytes] = {
    (_STRICT + strict).encode(): (_TRANSITIONAL + transitional).encode()
    for strict, transitional in _EXCEPTIONS.items()
}
_GENERAL = re.compile(rb"http://purl\.oclc\.org/ooxml/(" + "|".join(_AREAS).encode() + rb")/")
_EXCEPTION = re.compile(b"|".join(re.escape(k) for k in sorted(NAMESPACES, key=len, reverse=True)))


def is_strict(blob: bytes) -> bool:
    """Whether an XML part (the package relationships, say) uses Strict names."""
    return STRICT_MARK in blob


def transitional(blob: bytes) -> bytes:
    """An XML part with its Strict namespace and relationship-type URIs made Transitional."""
    if STRICT_MARK not in blob:
        return blob
    blob = _EXCEPTION.sub(lambda m: NAMESPACES[m.group(0)], blob)
    return _GENERAL.sub(lambda m: _TRANSITIONAL.encode() + m.group(1) + b"/2006/", blob)

"""The guard in front of the DOCX, PPTX and XLSX readers, and what all three packages share.

`open_package` refuses what no library should unpack (zip bombs, truncated archives, encrypted
or legacy OLE files under an OOXML name) before python-docx, python-pptx or openpyxl see it.
`core_properties` reads the embedded tags straight from the package, so they survive a
document part the library chokes on. `xml_texts` pulls text out of parts the libraries skip
(SmartArt, charts, comments, footnotes) with a parser that never expands entities.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.extract import cfb
from indexer.extract.base import ExtractionError, FailureReason, Limits

# Below this size a high ratio is harmless (an XML part of blank cells packs very tight).
_RATIO_CHECKED_FROM = 1024 * 1024
_CORE_PROPERTIES_TYPE = "/metadata/core-properties"
_DEFAULT_CORE_PART = "docProps/core.xml"
_CONTENT_TYPES = "[content_types].xml"
_MAX_PROPERTY_PART = 1024 * 1024


@dataclass(frozen=True)
class CoreProperties:
    title: str = ""
    subject: str = ""
    keywords: str = ""
    category: str = ""
    author: str = ""  # dc:creator, who made the file (not cp:lastModifiedBy, who saved it last)

    @property
    def keyword_strings(self) -> tuple[str, ...]:
        """The properties the tag resolver splits into tags (SPEC §1)."""
        return tuple(s for s in (self.keywords, self.category, self.subject) if s)


@contextmanager
def open_package(path: Path, limits: Limits) -> Iterator[zipfile.ZipFile]:
    """The OOXML package at `path`, checked: safe to hand to a library, or ExtractionError."""
    with path.open("rb") as stream:
        if stream.read(len(cfb.MAGIC)) == cfb.MAGIC:
            raise ole_failure(path)
    try:
        package = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ExtractionError(
            FailureReason.DAMAGED, "the ZIP package is truncated or damaged"
        ) from exc
    with package:
        check_unpacked_size(package, limits)
        # Part names are case-insensitive in OPC; some writers lower-case this one.
        if _CONTENT_TYPES not in (name.lower() for name in package.namelist()):
            raise ExtractionError(FailureReason.DAMAGED, _missing_content_types(package))
        yield package


def ole_failure(path: Path) -> ExtractionError:
    """Why an OLE container cannot be read as an OOXML file: encrypted, or a legacy format."""
    content = cfb.describe(path)
    if content == "encrypted":
        return ExtractionError(FailureReason.PASSWORD_PROTECTED, "needs a password to open")
    suffix = path.suffix.lower()
    if content == "OLE":
        return ExtractionError(FailureReason.MISLABELLED, f"an OLE container named {suffix}")
    article = "an" if content[0] in "AEIOU" else "a"
    return ExtractionError(FailureReason.MISLABELLED, f"{article} {content} file named {suffix}")


def check_unpacked_size(package: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a zip bomb from its directory, before any member is inflated."""
    members = package.infolist()
    total = sum(member.file_size for member in members)
    if total > limits.max_unpacked_bytes:
        raise ExtractionError(
            FailureReason.TOO_LARGE,
            f"unpacks to {total // 2**20} MB, "
            f"more than the {limits.max_unpacked_bytes // 2**20} MB allowed",
        )
    for member in members:
        if member.file_size < _RATIO_CHECKED_FROM:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_compression_ratio:
            raise ExtractionError(
                FailureReason.TOO_LARGE,
                f"part {member.filename} is compressed {ratio:.0f}:1, like a zip bomb",
            )


def _missing_content_types(package: zipfile.ZipFile) -> str:
    if "mimetype" in package.namelist():
        return "an OpenDocument file, not an Office Open XML one"
    return "the ZIP package is not an Office document (no [Content_Types].xml)"


def core_properties(package: zipfile.ZipFile) -> CoreProperties:
    """Title, subject, keywords, category and author from the package's core-properties part."""
    root = _parse_part(package, _core_part_name(package))
    if root is None:
        return CoreProperties()
    found: dict[str, str] = {}
    for element in root:
        name = _local_name(element.tag)
        if name in ("title", "subject", "keywords", "category") and element.text:
            found[name] = " ".join(element.text.split())
        elif name == "creator" and element.text:
            found["author"] = " ".join(element.text.split())
    return CoreProperties(**found)


def _core_part_name(package: zipfile.ZipFile) -> str:
    relationships = _parse_part(package, "_rels/.rels")
    if relationships is not None:
        for relationship in relationships:
            if str(relationship.get("Type", "")).endswith(_CORE_PROPERTIES_TYPE):
                target = str(relationship.get("Target", ""))
                return posixpath.normpath(target.lstrip("/"))
    return _DEFAULT_CORE_PART


def _parse_part(package: zipfile.ZipFile, name: str) -> Any | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PROPERTY_PART:
        return None
    return parse_xml(read_part(package, name))


def read_part(package: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes; a member that will not inflate makes the package damaged."""
    try:
        return package.read(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ExtractionError(
            FailureReason.DAMAGED, f"part {name} of the package is damaged"
        ) from exc


def parse_xml(blob: bytes) -> Any | None:
    """An OOXML part as an lxml tree, or None when it is not well-formed.

    Office never writes a DTD; a part that declares one is an entity-expansion or XXE probe
    and makes the whole file unreadable rather than quietly half-read.
    """
    from lxml import etree

    try:
        root = etree.fromstring(blob, _safe_parser())
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root.getroottree().docinfo.doctype:
        raise ExtractionError(FailureReason.DAMAGED, "an XML part declares a DTD (an XML bomb?)")
    return root


def _safe_parser() -> Any:
    """An XML parser that expands no entities, fetches nothing and caps tree size."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def xml_texts(blob: bytes) -> list[str]:
    """Text of an OOXML part: one line per paragraph, and per label or string outside one."""
    root = parse_xml(blob)
    if root is None:
        return []
    lines: list[str] = []
    # <t> holds text in WordprocessingML, DrawingML and SpreadsheetML, <v> a chart's cached
    # labels, <p:text> a legacy slide comment.
    for element in root.iter():
        name = _local_name(element.tag)
        if name == "p" and element.find(".//{*}p") is None:
            lines.append("".join(node.text or "" for node in element.iter("{*}t")))
        elif name in ("t", "v", "text") and element.text and not _in_paragraph(element):
            lines.append(_label(element.text) if name == "v" else element.text)
    return [line.strip() for line in lines if line.strip()]


def _in_paragraph(element: Any) -> bool:
    return any(_local_name(a.tag) == "p" for a in element.iterancestors())


def _label(value: str) -> str:
    # A chart caches its numbers and its labels alike in <c:v>; only the labels are words.
    try:
        float(value)
    except ValueError:
        return value
    return ""


def _local_name(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]

"""The guard in front of the DOCX, PPTX and XLSX readers, and what all three packages share.

`open_package` refuses what no library should unpack (zip bombs, truncated archives, encrypted
or legacy OLE files under an OOXML name) before python-docx, python-pptx or openpyxl see it,
and hands them a package they can read: decrypted when it has the default password, Strict
names made Transitional (`strict`), pictures and media left out when they are heavy.
`core_properties` reads the embedded tags straight from the package, so they survive a
document part the library chokes on. `xml_texts` pulls text out of parts the libraries skip
(SmartArt, charts, comments, footnotes) with a parser that never expands entities.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from indexer.extract import cfb, strict
from indexer.extract.base import ExtractionError, FailureReason, Limits

# Below this size a high ratio is harmless (an XML part of blank cells packs very tight).
_RATIO_CHECKED_FROM = 1024 * 1024
_CORE_PROPERTIES_TYPE = "/metadata/core-properties"
_DEFAULT_CORE_PART = "docProps/core.xml"
_CONTENT_TYPES = "[content_types].xml"
_MAX_PROPERTY_PART = 1024 * 1024
# Excel encrypts with this password when asked to protect a workbook's structure without a
# password of one's own, and opens such files without asking.
DEFAULT_PASSWORD = "VelvetSweatshop"
# Parts a reader may read: XML, relationships, VML (legacy comments and text boxes).
_TEXT_PART_SUFFIXES = (".xml", ".rels", ".vml")
# From this much media on, copying the text parts costs less than the library inflating them
# (python-docx and python-pptx read every part of a package, pictures included).
_MEDIA_REPACKED_FROM = 1024 * 1024
MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


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


@dataclass(frozen=True)
class Package:
    """An OOXML package ready for a library: `zip` to read parts from directly, `source` for
    python-docx, python-pptx or openpyxl to open (the file itself, or an in-memory copy of its
    text-bearing parts), `unread` what of it could not be read, one human line each."""

    zip: zipfile.ZipFile
    source: str | io.BytesIO
    unread: tuple[str, ...] = ()

    def reopened(self) -> io.BytesIO | str:
        """`source` ready to be opened again (a library may leave a stream anywhere)."""
        if isinstance(self.source, io.BytesIO):
            self.source.seek(0)
        return self.source


@contextmanager
def open_package(path: Path, limits: Limits) -> Iterator[Package]:
    """The OOXML package at `path`, checked: safe to hand to a library, or ExtractionError.

    One encrypted with the application's default password is decrypted; a Strict one has its
    namespaces made Transitional; one heavy with pictures and media is handed over as its text
    parts alone, so the library inflates no megabytes it never reads.
    """
    with path.open("rb") as stream:
        encrypted = stream.read(len(cfb.MAGIC)) == cfb.MAGIC
    raw: str | io.BytesIO = decrypted(path) if encrypted else str(path)
    try:
        package = zipfile.ZipFile(raw)
    except zipfile.BadZipFile as exc:
        raise ExtractionError(
            FailureReason.DAMAGED, "the ZIP package is truncated or damaged"
        ) from exc
    with package:
        check_unpacked_size(package, limits)
        # Part names are case-insensitive in OPC; some writers lower-case this one.
        if _CONTENT_TYPES not in (name.lower() for name in package.namelist()):
            raise ExtractionError(FailureReason.DAMAGED, _missing_content_types(package))
        if _strict(package) or _media_bytes(package) >= _MEDIA_REPACKED_FROM:
            with repacked(package) as text_only:
                yield text_only
        else:
            yield Package(package, raw)


def open_main_part(
    source: str | IO[bytes],
    *,
    package: Any,
    factory: Any,
    part_class: type,
    content_types: tuple[str, ...],
    kind: str,
) -> Any:
    """The main part of a python-docx or python-pptx package of any of `content_types`: the
    libraries know only their main kind, and refuse templates, shows and macro variants
    whose parts are the same but whose content type differs."""
    for content_type in content_types:
        factory.part_type_for.setdefault(content_type, part_class)
    part = package.open(source).main_document_part
    if not isinstance(part, part_class):
        raise ValueError(f"not a {kind} package (main part {part.content_type})")
    return part


def decrypted(path: Path) -> io.BytesIO:
    """An encrypted package opened with the default password Excel uses when none was set
    (Excel opens such a file without asking); any other password makes it password-protected."""
    content = cfb.describe(path)
    if content != "encrypted":
        raise ole_failure(path)
    import msoffcrypto

    plain = io.BytesIO()
    try:
        with path.open("rb") as stream:
            office_file = msoffcrypto.OfficeFile(stream)
            office_file.load_key(password=DEFAULT_PASSWORD, verify_password=True)
            office_file.decrypt(plain)
    except Exception as exc:  # noqa: BLE001 - a wrong key, or parsers' bare errors: all mean "locked"
        raise ole_failure(path) from exc
    plain.seek(0)
    return plain


@contextmanager
def repacked(package: zipfile.ZipFile, *, repair: bool = False) -> Iterator[Package]:
    """The package's text-bearing parts (XML, relationships, VML) in an in-memory ZIP, Strict
    names made Transitional; pictures, media and embedded files left empty under their names,
    so relationships still resolve. A part that will not inflate is left empty; with `repair`,
    one that is not well-formed XML keeps what a recovering parser reads of it. Each is named
    in `unread`."""
    unread: list[str] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
        for info in package.infolist():
            name = info.filename
            if info.is_dir():
                continue
            if not name.lower().endswith(_TEXT_PART_SUFFIXES):
                copy.writestr(name, b"")
                continue
            try:
                blob = package.read(name)
            except MEMBER_ERRORS:
                unread.append(f"{name} is damaged and was left out")
                blob = b""
            blob = strict.transitional(blob)
            if repair and blob:
                blob, problem = _recovered(name, blob)
                if problem:
                    unread.append(problem)
            copy.writestr(name, blob)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as text_only:
        yield Package(text_only, io.BytesIO(buffer.getvalue()), tuple(unread))


def _recovered(name: str, blob: bytes) -> tuple[bytes, str]:
    """A part that is not well-formed XML as what a recovering parser reads of it."""
    from lxml import etree

    try:
        etree.fromstring(blob, _safe_parser())
        return blob, ""
    except (etree.XMLSyntaxError, ValueError):
        pass
    recovering = etree.XMLParser(
        recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(blob, recovering)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return b"", f"{name} is not XML and was left out"
    return etree.tostring(root), f"{name} is broken XML; only its readable start was kept"


def _strict(package: zipfile.ZipFile) -> bool:
    try:
        return strict.is_strict(package.read("_rels/.rels"))
    except (KeyError, *MEMBER_ERRORS):
        return False


def _media_bytes(package: zipfile.ZipFile) -> int:
    return sum(
        info.file_size
        for info in package.infolist()
        if not info.filename.lower().endswith(_TEXT_PART_SUFFIXES)
    )


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
    except MEMBER_ERRORS as exc:
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

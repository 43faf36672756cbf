"""A light reading of an OOXML package's structure: content types, relationships and parts,
straight from the ZIP, for the Word and PowerPoint readers' common case.

python-docx and python-pptx read every part of a package into objects of their own when they
open it (a Word document's styles part alone is 350 KB of XML, 7 ms to parse), where the text
needs only the main part and the parts it names. `LightPackage` checks what makes the libraries
refuse a package: every part the relationships reach is in the ZIP and has a content type.
Anything it does not expect raises `Unusual`, and the caller reads the package with the library
as before, so an unusual package gets exactly the old outcome.
"""

from __future__ import annotations

import posixpath
import threading
import zipfile
from dataclasses import dataclass
from typing import Any

from indexer.extract.ooxml import MEMBER_ERRORS

OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


_parsers = threading.local()


class Unusual(Exception):
    """Something the light reading does not handle: read the package with the library."""


@dataclass(frozen=True)
class Relationship:
    rid: str
    reltype: str
    target: str  # the part's name (leading slash), or the external address
    is_external: bool


class LightPackage:
    """The parts and relationships of a package, as python-docx would resolve them."""

    def __init__(self, package: zipfile.ZipFile, *, drop_missing: bool = False) -> None:
        """`drop_missing`: a relationship to a part the ZIP lacks is left out, as python-pptx
        does (python-docx refuses such a package: then it is Unusual)."""
        self.zip = package
        self._drop_missing = drop_missing
        self._members = set(package.namelist())
        self._rels: dict[str, tuple[Relationship, ...]] = {}
        defaults, overrides = self._content_types()
        self._defaults, self._overrides = defaults, overrides
        self.main_part = self._main_part()
        self.parts = self._reachable()

    def content_type(self, partname: str) -> str:
        found = self._overrides.get(partname.lower())
        if found is None:
            found = self._defaults.get(posixpath.splitext(partname)[1][1:].lower())
        if found is None:
            raise Unusual(f"no content type for {partname}")
        return found

    def relationships(self, partname: str) -> tuple[Relationship, ...]:
        """The part's relationships in the order its .rels part lists them ('/' for the
        package's own)."""
        known = self._rels.get(partname)
        if known is not None:
            return known
        base, name = posixpath.split(partname)
        member = posixpath.join(base, "_rels", f"{name}.rels").lstrip("/")
        found: list[Relationship] = []
        if member in self._members:
            root = _parse(self.blob("/" + member))
            for element in root.iterchildren(f"{_RELS_NS}Relationship"):
                reltype, target, rid = element.get("Type"), element.get("Target"), element.get("Id")
                if reltype is None or target is None or rid is None:
                    raise Unusual("a relationship without its type, target or id")
                external = element.get("TargetMode") == "External"
                if not external:
                    target = posixpath.normpath(posixpath.join(base or "/", target))
                    target = "/" + target.lstrip("/")
                    if self._drop_missing and target.lstrip("/") not in self._members:
                        continue
                found.append(Relationship(rid, reltype, target, external))
        self._rels[partname] = rels = tuple(found)
        return rels

    def blob(self, partname: str) -> bytes:
        try:
            return self.zip.read(partname.lstrip("/"))
        except (KeyError, OSError, *MEMBER_ERRORS) as exc:  # the library's path names it
            raise Unusual(f"part {partname} cannot be read") from exc

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if _CONTENT_TYPES not in self._members:
            raise Unusual("the content types part is not named as Office names it")
        root = _parse(self.blob("/" + _CONTENT_TYPES))
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        for element in root:
            kind, content_type = element.tag, element.get("ContentType")
            if kind == f"{_PACKAGE_NS}Default" and content_type is not None:
                defaults[str(element.get("Extension", "")).lower()] = content_type
            elif kind == f"{_PACKAGE_NS}Override" and content_type is not None:
                overrides[str(element.get("PartName", "")).lower()] = content_type
        return defaults, overrides

    def _main_part(self) -> str:
        mains = [r for r in self.relationships("/") if r.reltype == OFFICE_DOCUMENT]
        if len(mains) != 1 or mains[0].is_external:
            raise Unusual("not exactly one main part")
        return mains[0].target

    def _reachable(self) -> tuple[str, ...]:
        """Every part the relationships reach, checked to exist and to have a content type:
        what python-docx needs of a package to open it at all."""
        seen = {"/"}
        pending = ["/"]
        while pending:
            for relationship in self.relationships(pending.pop()):
                if relationship.is_external or relationship.target in seen:
                    continue
                if relationship.target.lstrip("/") not in self._members:
                    raise Unusual(f"part {relationship.target} is missing")
                self.content_type(relationship.target)
                seen.add(relationship.target)
                pending.append(relationship.target)
        seen.discard("/")
        return tuple(sorted(seen))


def parse_like_the_library(blob: bytes) -> Any:
    """A part as python-docx's parser reads it (blank text between elements dropped, no
    entities expanded); Unusual when it is not well-formed."""
    return _parse(blob)


def _parse(blob: bytes) -> Any:
    from lxml import etree

    parser = getattr(_parsers, "parser", None)
    if parser is None:  # one per thread: building a parser costs more than a small part
        parser = _parsers.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    try:
        return etree.fromstring(blob, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise Unusual("a part is not well-formed XML") from exc

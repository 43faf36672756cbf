"""The taxonomy: which facets a library has, their canonical values and synonyms.

A library's own `taxonomy.toml` wins over the built-in default in `resources/` (shipped as
package data: `contentfinder.resources`).
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from contentfinder.resources import resource_path
from contentfinder.text import fold

REQUIRED_FACETS = ("persona", "stage", "pain")
# The coverage report's matrices (SPEC: persona × stage): each of these facets down the side,
# the funnel across. Named here once; every other report loops over the taxonomy's facets.
COVERAGE_ROWS = ("persona", "pain")
COVERAGE_ACROSS = "stage"
# An optional facet: when a library has it, publishing files an asset by it and proposes it.
CONTENT_TYPE_FACET = "content_type"
TAXONOMY_FILE = "taxonomy.toml"


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and its synonyms."""

    name: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facet:
    """One facet of the taxonomy (persona, stage…) and its values."""

    name: str
    label: str
    multi: bool
    values: tuple[FacetValue, ...]
    required: bool = False  # every asset should have a value (persona, stage, pain always)

    @cached_property
    def _canonical_by_term(self) -> dict[str, str]:
        return {
            fold(term): value.name
            for value in self.values
            for term in (*value.synonyms, value.name)  # the name wins over a clashing synonym
        }

    def resolve(self, raw: str) -> str | None:
        """The canonical name for a value or synonym of this facet, or None."""
        return self._canonical_by_term.get(fold(raw))


@dataclass(frozen=True)
class Taxonomy:
    """The library's facets and values, as read from its taxonomy file."""

    facets: tuple[Facet, ...]
    source: Path
    fingerprint: str  # changes whenever the file's content does

    def facet(self, name: str) -> Facet | None:
        folded = fold(name).replace(" ", "_")
        return next((f for f in self.facets if f.name == folded), None)

    @property
    def facet_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.facets)

    def facets_knowing(self, raw: str) -> list[tuple[str, str]]:
        """Every (facet, canonical value) that `raw` names, as value or synonym."""
        found = []
        for facet in self.facets:
            value = facet.resolve(raw)
            if value is not None:
                found.append((facet.name, value))
        return found

    def ambiguous_terms(self) -> dict[str, list[str]]:
        """Terms (folded) that two or more facets claim; a bare keyword naming one is a free tag."""
        owners: dict[str, set[str]] = {}
        for facet in self.facets:
            for value in facet.values:
                for term in (value.name, *value.synonyms):
                    owners.setdefault(fold(term), set()).add(facet.name)
        return {term: sorted(names) for term, names in owners.items() if len(names) > 1}


def load_taxonomy(library: Path | None) -> Taxonomy:
    """The library's taxonomy.toml when it has one, else the built-in default."""
    candidate = library / TAXONOMY_FILE if library is not None else None
    path = candidate if candidate is not None and candidate.is_file() else default_taxonomy_file()
    return parse_taxonomy(path)


def default_taxonomy_file() -> Path:
    """The built-in default taxonomy, for a library without its own."""
    return resource_path(TAXONOMY_FILE)


def parse_taxonomy(path: Path) -> Taxonomy:
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read the taxonomy ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{path}: not valid TOML ({exc})") from exc
    facets_table = data.get("facets")
    if not isinstance(facets_table, dict):
        raise TaxonomyError(f"{path}: no [facets] table")
    facets = tuple(_parse_facet(path, name, body) for name, body in facets_table.items())
    missing = [name for name in REQUIRED_FACETS if name not in facets_table]
    if missing:
        raise TaxonomyError(f"{path}: required facet(s) missing: {', '.join(missing)}")
    return Taxonomy(facets=facets, source=path, fingerprint=hashlib.sha1(raw).hexdigest())


def _parse_facet(path: Path, name: str, body: object) -> Facet:
    if not isinstance(body, dict):
        raise TaxonomyError(f"{path}: facet '{name}' must be a table")
    values = []
    for index, entry in enumerate(body.get("values", []), start=1):
        value_name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(value_name, str) or not value_name.strip():
            raise TaxonomyError(f"{path}: facet '{name}', value {index} has no name")
        if any(c in value_name for c in ",;"):
            raise TaxonomyError(f"{path}: facet '{name}' value '{value_name}' contains , or ;")
        synonyms = entry.get("synonyms", [])
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            raise TaxonomyError(f"{path}: facet '{name}' value '{value_name}': bad synonyms")
        values.append(FacetValue(value_name.strip(), tuple(s.strip() for s in synonyms)))
    return Facet(
        name=name,
        label=str(body.get("label", name.replace("_", " ").title())),
        multi=bool(body.get("multi", True)),
        values=tuple(values),
        required=name in REQUIRED_FACETS or bool(body.get("required", False)),
    )

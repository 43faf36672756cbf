"""Synonym groups: words that mean the same to a rep, from `resources/synonyms.toml` and the
library's own `synonyms.toml`.

Groups are kept as analysed term sequences (the index's terms), so 'Total Cost of Ownership',
'total costs of ownership' and 'TOTAL COST OF OWNERSHIP' are one member.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from contentfinder.index.analysis import analyzer_fingerprint
from contentfinder.index.saved_beside import saved_or_made
from contentfinder.library.taxonomy import CONTENT_TYPE_FACET, Taxonomy
from contentfinder.resources import resource_path

SYNONYMS_FILE = "synonyms.toml"
SAVED_PREFIX = "synonyms-"  # the table saved beside the index (see saved_synonyms)

Terms = tuple[str, ...]
Analyze = Callable[[str], Terms]


class SynonymsError(ValueError):
    """A synonyms file that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class SynonymGroup:
    """Words or phrases that name the same thing, each as written and as analysed."""

    members: tuple[str, ...]  # as written in the file
    terms: tuple[Terms, ...]  # each member analysed, in the same order


@dataclass(frozen=True)
class SynonymTable:
    """Every synonym a search may use: the files' groups and the taxonomy's terms."""

    groups: tuple[SynonymGroup, ...] = ()
    problems: tuple[str, ...] = ()  # files or groups that were skipped, and why
    # Taxonomy terms (value names and synonyms) -> the canonical value's terms: a rep typing
    # 'top of funnel' finds assets tagged awareness through their tags.
    tags: dict[Terms, tuple[tuple[str, Terms], ...]] = field(default_factory=dict)
    # The terms of each content type's name and synonyms -> the value: 'case studies' names
    # the content type 'case study', which steers a search rather than being words to match.
    content_types: dict[Terms, str] = field(default_factory=dict)
    _by_terms: dict[Terms, list[tuple[SynonymGroup, int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for group in self.groups:
            for position, terms in enumerate(group.terms):
                self._by_terms.setdefault(terms, []).append((group, position))

    @property
    def longest(self) -> int:
        """The most terms any member has: how far ahead a query is looked at."""
        return max((len(terms) for terms in (*self._by_terms, *self.tags)), default=0)

    @cached_property
    def words(self) -> frozenset[str]:
        """Single-word members, lower-cased: spellings a correction may aim at."""
        return frozenset(
            m.lower() for g in self.groups for m in g.members if m.isalpha() and len(m) > 3
        )

    @cached_property
    def tag_name_terms(self) -> frozenset[str]:
        """Terms of the tag values' own names ('security', 'compliance'), not their synonyms."""
        return frozenset(t for values in self.tags.values() for _, terms in values for t in terms)

    def alternatives(self, terms: Terms) -> list[tuple[str, Terms]]:
        """(member as written, its terms) of every group member meaning the same as `terms`,
        but `terms` itself."""
        found: dict[Terms, str] = {}
        for group, position in self._by_terms.get(terms, ()):
            for index, (member, other) in enumerate(zip(group.members, group.terms, strict=True)):
                if index != position and other != terms and other not in found:
                    found[other] = member
        return [(member, other) for other, member in found.items()]

    def tag_values(self, terms: Terms) -> tuple[tuple[str, Terms], ...]:
        """(canonical value, its terms) of every tag value `terms` names, itself left out."""
        return tuple(value for value in self.tags.get(terms, ()) if value[1] != terms)


def load_synonyms(
    library: Path | None, analyze: Analyze, taxonomy: Taxonomy | None = None
) -> SynonymTable:
    """The built-in groups plus the library's. A broken library file is reported in `problems`
    and skipped, so a typo in marketing's file never stops reps from searching."""
    groups: list[SynonymGroup] = []
    problems: list[str] = []
    replace_default = False
    library_file = library / SYNONYMS_FILE if library is not None else None
    if library_file is not None and library_file.is_file():
        try:
            data = _read(library_file)
            replace_default = data.get("replace_default") is True
            groups.extend(_groups(library_file, data, analyze, problems))
        except SynonymsError as exc:
            problems.append(str(exc))
    if not replace_default:
        default = resource_path(SYNONYMS_FILE)
        groups.extend(_groups(default, _read(default), analyze, problems))
    tags = _taxonomy_terms(taxonomy, analyze) if taxonomy is not None else {}
    types = _content_type_terms(taxonomy, analyze) if taxonomy is not None else {}
    return SynonymTable(tuple(groups), tuple(problems), tags, types)


def saved_synonyms(
    index_dir: Path,
    library: Path | None,
    analyze: Analyze,
    taxonomy: Taxonomy | None,
    *,
    analyzer: object,
) -> SynonymTable:
    """`load_synonyms`, saved beside the index for the next session: analysing every member
    and tag name was two thirds of opening one. The saved table is used while the synonyms
    files, the taxonomy and the index's `analyzer` are what it was made from."""
    key = _sources_key(library, taxonomy, analyzer)
    if key is None:  # a file that cannot be read: load_synonyms says why
        return load_synonyms(library, analyze, taxonomy)
    return saved_or_made(
        index_dir,
        SAVED_PREFIX,
        key,
        lambda: load_synonyms(library, analyze, taxonomy),
        lambda saved: isinstance(saved, SynonymTable),
    )


def _sources_key(library: Path | None, taxonomy: Taxonomy | None, analyzer: object) -> str | None:
    digest = hashlib.sha1(analyzer_fingerprint(analyzer).encode())
    digest.update(taxonomy.fingerprint.encode() if taxonomy is not None else b"-")
    digest.update(str(library).encode())  # its problems name the file
    for path in (
        library / SYNONYMS_FILE if library is not None else None,
        resource_path(SYNONYMS_FILE),
    ):
        try:
            digest.update(path.read_bytes() if path is not None else b"-")
        except FileNotFoundError:
            digest.update(b"missing")
        except OSError:
            return None
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def _content_type_terms(taxonomy: Taxonomy, analyze: Analyze) -> dict[Terms, str]:
    facet = taxonomy.facet(CONTENT_TYPE_FACET)
    if facet is None:
        return {}
    return {
        terms: value.name
        for value in facet.values
        for term in (value.name, *value.synonyms)
        if (terms := analyze(term))
    }


def _taxonomy_terms(
    taxonomy: Taxonomy, analyze: Analyze
) -> dict[Terms, tuple[tuple[str, Terms], ...]]:
    found: dict[Terms, list[tuple[str, Terms]]] = {}
    for facet in taxonomy.facets:
        for value in facet.values:
            canonical = (value.name, analyze(value.name))
            if not canonical[1]:
                continue
            for term in (value.name, *value.synonyms):
                terms = analyze(term)
                if terms and canonical not in found.setdefault(terms, []):
                    found[terms].append(canonical)
    return {terms: tuple(values) for terms, values in found.items()}


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise SynonymsError(f"{path}: cannot read the synonyms ({exc.strerror})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SynonymsError(f"{path}: not valid TOML ({exc}); its synonyms are not used") from exc


def _groups(
    path: Path, data: dict, analyze: Analyze, problems: list[str]
) -> Iterable[SynonymGroup]:
    raw_groups = data.get("groups", [])
    if not isinstance(raw_groups, list):
        problems.append(f"{path}: 'groups' must be a list of lists of words")
        return
    for number, raw in enumerate(raw_groups, start=1):
        if not isinstance(raw, list) or not all(isinstance(m, str) for m in raw):
            problems.append(f"{path}: group {number} is not a list of words; skipped")
            continue
        members = [m.strip() for m in raw if m.strip()]
        kept = [(m, analyze(m)) for m in members]
        kept = [(m, terms) for m, terms in kept if terms]
        if len({terms for _, terms in kept}) < 2:
            problems.append(f"{path}: group {number} ({', '.join(members)}) needs two members")
            continue
        yield SynonymGroup(tuple(m for m, _ in kept), tuple(t for _, t in kept))

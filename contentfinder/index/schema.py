"""The one versioned Whoosh schema that the indexer writes and the search reads.

Bump `SCHEMA_VERSION` whenever a field changes: an index built with another version is rebuilt
from scratch on the next run (extracted text comes back from the cache, so that is quick).
"""

from __future__ import annotations

import pickle
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from whoosh import index
from whoosh.analysis import (
    STOP_WORDS,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

SCHEMA_VERSION = 2
VERSION_FILE = "contentfinder-schema-version"
TAG_FIELD_PREFIX = "tag_"
# Whoosh's own scoring (queries with syntax) reads these; plain queries are ranked with the
# weights in contentfinder.search.ranking.
TITLE_BOOST, SUMMARY_BOOST, TAG_TEXT_BOOST = (
    3.0,
    1.5,
    2.0,
)  # one keyword field per facet: tag_persona, tag_stage, ...
VALUE_SEPARATOR = ","  # facet values never contain commas (the taxonomy refuses them)


@dataclass(frozen=True)
class PreAnalyzed:
    """A body already run through the analyzer: (term bytes, frequency, weight, positions)
    per distinct term. Worker processes make these, so the process that writes the index only
    adds postings and both cores share the tokenising and stemming."""

    items: tuple[tuple[bytes, int, float, bytes], ...]
    words: tuple[str, ...] = ()  # the distinct tokens, lower-cased, as they first appear


class PreAnalyzedText(TEXT):
    """A TEXT field that also takes a `PreAnalyzed` value as it is."""

    def index(self, value, **kwargs):  # noqa: ANN001, ANN201 - whoosh's signature
        if isinstance(value, PreAnalyzed):
            return iter(value.items)
        return super().index(value, **kwargs)


def tag_field(facet: str) -> str:
    return TAG_FIELD_PREFIX + facet


def _text_analyzer():  # noqa: ANN202 - whoosh analyzers are untyped
    # Accents folded so 'decision' finds 'décision'; English stems so 'integrations' finds
    # 'integration'. The stem cache keeps the pure-Python stemmer off the hot path.
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter()
        | StemFilter(cachesize=100_000)
    )


def build_schema() -> Schema:
    analyzer = _text_analyzer()
    schema = Schema(
        id=ID(unique=True, stored=True),
        title=PreAnalyzedText(analyzer=analyzer, stored=True, field_boost=TITLE_BOOST),
        title_sort=ID(sortable=True),  # folded title: the order when browsing without words
        summary=PreAnalyzedText(analyzer=analyzer, stored=True, field_boost=SUMMARY_BOOST),
        tag_text=PreAnalyzedText(
            analyzer=analyzer, field_boost=TAG_TEXT_BOOST
        ),  # facet values, synonyms, free tags
        body=PreAnalyzedText(analyzer=analyzer, phrase=True),
        spell=KEYWORD(lowercase=True),  # the unstemmed vocabulary: "did you mean" suggestions
        free_tags=KEYWORD(commas=True, lowercase=True, stored=True),
        format=ID(stored=True),
        kind=ID(stored=True),
        size=NUMERIC(int, bits=64, stored=True),
        mtime_ns=NUMERIC(int, bits=64, stored=True),
        content_hash=ID(stored=True),
        tag_fingerprint=STORED(),
        expires=ID(stored=True),  # ISO date or empty
        expires_day=NUMERIC(int),  # date.toordinal(): a range query hides expired
        owner=STORED(),
        locations=STORED(),  # page / slide / sheet count
    )
    schema.add(
        TAG_FIELD_PREFIX + "*",
        KEYWORD(commas=True, stored=True, scorable=True),
        glob=True,
    )
    return schema


def analyze_text(text: str, boost: float = 1.0) -> PreAnalyzed:
    """Exactly what a text field's analyzer and Positions format (with this field boost) make
    of `text`, but several
    times faster: one regular-expression pass, and each distinct word analysed once instead of a
    chain of generators per token. `tests/index/test_schema.py` holds it equal to Whoosh's."""
    positions: dict[str, list[int]] = {}
    term_of: dict[str, str | None] = {}
    position = -1
    first = True
    for raw_position, token in enumerate(_TOKENS.findall(text)):
        word = token.lower()
        term = term_of.get(word, _UNSEEN)
        if term is _UNSEEN:
            term = term_of[word] = _term(word)
        if term is None:
            continue
        # StopFilter(renumber=True): the first kept token keeps its place, the rest follow on.
        position = raw_position if first else position + 1
        first = False
        places = positions.get(term)
        if places is None:
            positions[term] = [position]
        else:
            places.append(position)
    return PreAnalyzed(
        tuple(
            (term.encode("utf-8"), len(places), len(places) * boost, _encode_positions(places))
            for term, places in positions.items()
        ),
        tuple(term_of),
    )


_TOKENS = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")  # Whoosh's default_pattern, without a group
_UNSEEN = ""  # never a term: _term returns None or a non-empty string


def _term(word: str) -> str | None:
    folded = word if word.isascii() else word.translate(accent_map)
    if len(folded) < 2 or folded in STOP_WORDS:
        return None
    return _stem_cached(folded)


def _encode_positions(places: list[int]) -> bytes:
    deltas = [places[0]] + [b - a for a, b in pairwise(places)]
    return pack_uint(len(deltas)) + pickle.dumps(deltas, 2)


@lru_cache(maxsize=200_000)
def _stem_cached(word: str) -> str:
    return porter_stem(word)


class IndexUnavailable(Exception):
    """No index yet (or not readable): the user must run `contentfinder index` first."""


def index_exists(index_dir: Path) -> bool:
    return index_dir.is_dir() and index.exists_in(str(index_dir))


def open_for_reading(index_dir: Path) -> index.Index:
    if not index_exists(index_dir):
        raise IndexUnavailable(f"{index_dir}: no index yet; run 'contentfinder index' first")
    if _stored_version(index_dir) != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"{index_dir}: the index was built by another version; run 'contentfinder index'"
        )
    try:
        return index.open_dir(str(index_dir))
    except Exception as exc:  # whoosh raises many kinds for a damaged index
        raise IndexUnavailable(
            f"{index_dir}: the index is damaged ({exc}); run 'contentfinder index' to rebuild it"
        ) from exc


def open_for_writing(
    index_dir: Path, *, rebuild_because: str | None = None
) -> tuple[index.Index, str | None]:
    """The index to update, and why it was rebuilt from scratch (None when it was not).
    A caller that finds the index damaged when reading it asks again with the reason."""
    reason = rebuild_because
    if reason is None and index_exists(index_dir):
        if _stored_version(index_dir) != SCHEMA_VERSION:
            reason = "the index format changed"
        else:
            try:
                return index.open_dir(str(index_dir)), None
            except Exception as exc:  # noqa: BLE001 - any failure to open means rebuild
                reason = f"the index was damaged ({type(exc).__name__})"
    try:
        if index_dir.exists():
            shutil.rmtree(index_dir)
        index_dir.mkdir(parents=True)
    except OSError as exc:
        raise IndexUnavailable(
            f"{index_dir}: cannot create the index ({exc.strerror or exc}); choose another "
            "data folder with --home or CONTENTFINDER_HOME"
        ) from exc
    ix = index.create_in(str(index_dir), build_schema())
    (index_dir / VERSION_FILE).write_text(str(SCHEMA_VERSION))
    return ix, reason


def _stored_version(index_dir: Path) -> int | None:
    try:
        return int((index_dir / VERSION_FILE).read_text().strip())
    except (OSError, ValueError):
        return None

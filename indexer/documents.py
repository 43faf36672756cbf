"""One asset as a Whoosh document: the fields of `contentfinder.index.schema`, filled in."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import date

from contentfinder.index.analysis import PreAnalyzed, analyze_text
from contentfinder.index.schema import (
    SUMMARY_BOOST,
    TAG_TEXT_BOOST,
    TITLE_BOOST,
    VALUE_SEPARATOR,
    tag_field,
)
from contentfinder.library.formats import format_of
from contentfinder.library.scan import AssetFile
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.text import fold
from indexer.extract.base import Extracted
from indexer.tags import ResolvedTags

# A line of letters only, 3 to 24 of them (a token never holds a line break).
_WORD_LINE = re.compile(r"^[^\W\d_]{3,24}$", re.MULTILINE)
MAX_VOCABULARY = 5000  # distinct words per asset offered for spelling suggestions


def tag_fingerprint(taxonomy: Taxonomy, catalog_fingerprint: str | None) -> str:
    """Changes when anything outside the file that decides its tags changes."""
    key = f"{taxonomy.fingerprint}:{catalog_fingerprint or '-'}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def build_document(
    asset: AssetFile,
    *,
    digest: str,
    extracted: Extracted,
    body: PreAnalyzed,
    spell_words: list[str],
    tags: ResolvedTags,
    taxonomy: Taxonomy,
    fingerprint: str,
    first_seen: date,
) -> dict[str, object]:
    """`spell_words` are the words this asset adds to the spelling dictionary (the caller
    leaves out words the dictionary has already: one posting per word is all it needs);
    `first_seen` is the day the index first saw this asset or its content."""
    file_format = format_of(asset.path.name)
    document: dict[str, object] = {
        "id": asset.id,
        "title": analyze_text(tags.title, TITLE_BOOST),
        "_stored_title": tags.title,
        # Then the path: assets of one title in the same order on every rep's machine, not
        # in the order the workers happened to finish them.
        "title_sort": f"{fold(tags.title)}\0{asset.id}",
        "summary": analyze_text(tags.summary, SUMMARY_BOOST),
        "_stored_summary": tags.summary,
        "tag_text": analyze_text(" ".join(_tag_words(tags, taxonomy)), TAG_TEXT_BOOST),
        "body": body,
        "spell": " ".join(spell_words),
        "free_tags": VALUE_SEPARATOR.join(t.replace(VALUE_SEPARATOR, " ") for t in tags.free_tags),
        "format": file_format.name if file_format else "",
        "kind": file_format.kind if file_format else "",
        "size": asset.size,
        "mtime_ns": asset.mtime_ns,
        "content_hash": digest,
        "tag_fingerprint": fingerprint,
        "expires": tags.expires.isoformat() if tags.expires else "",
        "owner": tags.owner,
        "published": tags.published.isoformat() if tags.published else "",
        "first_seen": first_seen.isoformat(),
        "locations": sum(1 for s in extracted.segments if s.location is not None),
    }
    if tags.expires is not None:
        document["expires_day"] = tags.expires.toordinal()
    for facet, values in tags.facets.items():
        document[tag_field(facet)] = VALUE_SEPARATOR.join(values)
    return document


def _tag_words(tags: ResolvedTags, taxonomy: Taxonomy) -> list[str]:
    """Facet values with their synonyms, and free tags: so 'tofu' finds awareness content."""
    words: list[str] = []
    for facet_name, values in tags.facets.items():
        facet = taxonomy.facet(facet_name)
        for value in values:
            words.append(value)
            if facet is not None:
                words.extend(s for v in facet.values if v.name == value for s in v.synonyms)
    words.extend(tags.free_tags)
    return words


def vocabulary(tokens: Iterable[str]) -> list[str]:
    """The words worth offering as spelling suggestions among a text's distinct lower-cased
    tokens (the analysis has them already): letters only, 3 to 24 of them."""
    return _WORD_LINE.findall("\n".join(tokens))[:MAX_VOCABULARY]  # one pass in C

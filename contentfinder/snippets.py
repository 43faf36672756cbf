"""Snippets: the densest passage of an asset's text around the query's words, marked up.

Matches are wrapped in <b>…</b> and everything else is HTML-escaped, so the app can render a
snippet as rich text and the command line can turn the marks into bold.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from whoosh.highlight import (
    BasicFragmentScorer,
    ContextFragmenter,
    Formatter,
    Highlighter,
    set_matched_filter,
    top_fragments,
)

from contentfinder.extracted import Extracted

SNIPPET_CHARS = 240
SCAN_CHARS = 300_000  # matches further into a long document are not looked for


@dataclass(frozen=True)
class Snippet:
    html: str
    location: int | None  # page / slide / sheet where the passage is


class _BoldFormatter(Formatter):
    between = " … "

    def _text(self, text: str) -> str:
        return escape(text, quote=False)

    def format_token(self, text: str, token, replace: bool = False) -> str:  # noqa: ANN001
        return f"<b>{escape(text[token.startchar : token.endchar], quote=False)}</b>"


_FRAGMENTER = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80, charlimit=SCAN_CHARS)
_FORMATTER = _BoldFormatter()
_SCORER = BasicFragmentScorer()


def make_snippet(extracted: Extracted, words: frozenset[str], analyzer) -> Snippet:  # noqa: ANN001
    """The best passage for `words` (analysed query terms); the opening lines when none match."""
    text, starts = _joined(extracted)
    if not text:
        return Snippet("", None)
    if words:
        tokens = analyzer(
            text[:SCAN_CHARS], positions=True, chars=True, mode="index", removestops=False
        )
        tokens = Highlighter._merge_matched_tokens(set_matched_filter(tokens, words))
        fragments = top_fragments(_FRAGMENTER.fragment_tokens(text, tokens), 1, _SCORER, None)
        if fragments:
            best = fragments[0]
            first_match = best.matches[0].startchar if best.matches else best.startchar
            return Snippet(
                _FORMATTER.format(fragments).strip(), _location_at(extracted, starts, first_match)
            )
    opening = " ".join(text[:SNIPPET_CHARS].split())
    more = "…" if len(text) > SNIPPET_CHARS else ""
    return Snippet(escape(opening, quote=False) + more, _location_at(extracted, starts, 0))


def _joined(extracted: Extracted) -> tuple[str, list[int]]:
    starts, parts, offset = [], [], 0
    for segment in extracted.segments:
        starts.append(offset)
        parts.append(segment.text)
        offset += len(segment.text) + 1
    return "\n".join(parts), starts


def _location_at(extracted: Extracted, starts: list[int], offset: int) -> int | None:
    location = None
    for start, segment in zip(starts, extracted.segments, strict=True):
        if start > offset:
            break
        location = segment.location
    return location

"""What a rep typed, understood: words, "quoted phrases", -exclusions and facet:value filters.

Nothing here is ever a syntax error. An unbalanced quote, a stray operator or a `name:value`
that names no facet degrades to plain words, as a person would read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contentfinder.library.taxonomy import Taxonomy

MAX_VALUE_WORDS = 3  # persona:vp sales — how many following words a facet value may take

# "phrase", -"phrase", -word, facet:"value", facet:value, word. Quotes may be straight or curly.
_TOKEN = re.compile(
    r"(?P<minus>[-\u2212]?)(?:(?P<facet>[^\W\d][\w-]*):)?"
    r'(?:["\u201c\u201d](?P<quoted>[^"\u201c\u201d]*)["\u201c\u201d]|(?P<word>[^\s"\u201c\u201d]+))'
)
_OPERATORS = {"AND", "OR", "NOT", "&&", "||", "+", "-", "|", "!"}
_STRAY = re.compile(r"^[^\w]+|[^\w]+$")  # (roi), *tco*, "roi" leftovers, trailing commas
_CONTRACTION = re.compile(r"(?:n['\u2019]t|['\u2019](?:re|s|ll|ve|d|m))$", re.IGNORECASE)
_NEGATED_STEMS = {"ca": "can", "wo": "will", "sha": "shall"}  # can't, won't, shan't


@dataclass(frozen=True)
class ParsedQuery:
    """The search box's text read apart: words, phrases, exclusions and facet filters."""

    words: tuple[str, ...] = ()  # in the order typed; matched in any order
    phrases: tuple[str, ...] = ()  # each must appear as written
    excluded: tuple[str, ...] = ()  # words or phrases no result may contain
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical values

    @property
    def is_browse(self) -> bool:
        """Nothing to match on: list what the filters let through."""
        return not self.words and not self.phrases

    def ends_in_last_word(self, text: str) -> bool:
        """Whether `text` (what it was parsed from) ends in its last word, not in a space, a
        quote or a filter: the rep may still be typing that word."""
        return bool(
            self.words
            and text[-1:].isalnum()
            and text.casefold().endswith(self.words[-1].casefold())
        )


def parse_query(text: str, taxonomy: Taxonomy) -> ParsedQuery:
    if _count_quotes(text) % 2:  # an unbalanced quote is read as if it were not there
        text = re.sub(r'["\u201c\u201d]', " ", text)
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    filters: dict[str, list[str]] = {}
    tokens = list(_TOKEN.finditer(text))
    skip = 0
    for index, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        minus, facet_name, quoted, word = token.group("minus", "facet", "quoted", "word")
        if facet_name is not None:
            following = [t.group("word") for t in tokens[index + 1 : index + MAX_VALUE_WORDS]]
            found = _facet_filter(taxonomy, facet_name, quoted, word, following)
            if found is not None and not minus:
                facet, value, used = found
                filters.setdefault(facet, [])
                if value not in filters[facet]:
                    filters[facet].append(value)
                skip = used
                continue
            # Not a filter: the name and the value are words ('note:' in a pasted line).
            text_part = f"{facet_name} {quoted if quoted is not None else word}"
            (excluded if minus else words).extend(_words(text_part))
            continue
        if quoted is not None:
            cleaned = " ".join(_words(quoted))
            if not cleaned:
                continue
            if minus:
                excluded.append(cleaned)
            elif " " in cleaned:
                phrases.append(cleaned)
            else:
                words.append(cleaned)
            continue
        if word in _OPERATORS:
            continue
        if minus and _words(word):
            excluded.extend(_words(word))
        else:
            words.extend(_words(word))
    return ParsedQuery(
        tuple(words),
        tuple(phrases),
        tuple(dict.fromkeys(excluded)),
        {facet: tuple(values) for facet, values in filters.items()},
    )


def _facet_filter(
    taxonomy: Taxonomy,
    facet_name: str,
    quoted: str | None,
    word: str | None,
    following: list[str | None],
) -> tuple[str, str, int] | None:
    """(facet, canonical value, how many following words the value took), or None."""
    facet = taxonomy.facet(facet_name)
    if facet is None:
        return None
    if quoted is not None:
        value = facet.resolve(quoted)
        return (facet.name, value, 0) if value is not None else None
    # The longest run of words that names a value: 'persona:vp sales' before 'persona:vp'.
    run = [word or ""]
    for next_word in following:
        if next_word is None:
            break
        run.append(next_word)
    for length in range(len(run), 0, -1):
        value = facet.resolve(" ".join(run[:length]))
        if value is not None:
            return facet.name, value, length - 1
    return None


def _words(text: str) -> list[str]:
    """Plain words, with operator characters around them dropped: '(roi)' -> 'roi'."""
    # "we're" -> 'we', "Harbor's" -> 'Harbor': the ending is no word to look for.
    cleaned = (_STRAY.sub("", _without_contraction(part)) for part in text.split())
    return [w for w in cleaned if w and w not in _OPERATORS]


def _without_contraction(word: str) -> str:
    """The word without its contracted ending: "don't" -> 'do', "can't" -> 'can' (not 'ca')."""
    stem = _CONTRACTION.sub("", word)
    return _NEGATED_STEMS.get(stem.lower(), stem) if stem != word else word


def _count_quotes(text: str) -> int:
    return sum(text.count(q) for q in '"\u201c\u201d')

"""From typed words to what to look for: each word or synonym phrase becomes a `Concept`
with its alternatives — the typed terms, synonyms, and, for words the library does not have,
spelling corrections.

Alternatives other than the typed words are weighted below them, so an asset that says what
the rep typed ranks above one that says it another way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from contentfinder.search.query import ParsedQuery
from contentfinder.search.synonyms import SynonymTable, Terms

SYNONYM_WEIGHT = 0.7
FILLER_WEIGHT = 0.3  # 'says', 'too': they rank a little, far below the words that matter
TAG_WEIGHT = 0.5  # 'top of funnel' typed, the asset tagged awareness
TAG_FIELDS = ("tag_text",)
OWN_WORDS = ("title", "summary", "body")  # an asset's own words, unlike its tags' synonyms
SPLIT_WEIGHT = 0.9  # 'soc2' read as 'soc 2'
CORRECTION_WEIGHT = 0.6
MAX_CORRECTIONS = 2  # spellings tried for one unknown word
MIN_COMPLETED = 3  # letters of an unfinished word before it is read as the words it begins
MAX_COMPLETIONS = 4
COMPLETION_WEIGHT = 0.9
MIN_COMPOUND_PART = 3  # 'dashcam' is tried as 'das hcam', 'dash cam', 'dashc am'
# Words of a question or a sentence that say little of what is wanted ('how', 'between',
# 'second', 'might'); the index's stop words are dropped already. They still rank ('too
# expensive'), they are just not required, never a key word, and never offered alone as a
# completion. Adding the adverbs, numbers in letters and ordinals moved held-out nDCG@10
# 0.881 -> 0.886 and validation 0.921 -> 0.916.
FILLER_WORDS = frozenset(
    """able about across actually after again against ago all almost along already also although
    always am among another any anybody anyone anything anyway around ask asked asks away back
    became because become been before behind being below best better between beyond billion
    both can cannot come comes coming could did do does doing done during each eight eighth
    either eleven else enough especially etc even ever every everyone everything example far
    few fifth finally find first five four fourth further get gets give given gives going gone
    got great had half has hence here how however hundred i instead into its just keep kept
    know last later less let like likely look looking lot made make makes making many may maybe
    me might million more most much must my necessary need needs never new next nine ninth
    nobody non none nothing now often once one only onto other others otherwise ought our over
    own per perhaps please plus possible probably quite rather really said same say says second
    see seem seems seven seventh several shall should show since six sixth so some somebody
    someone something still such sure take taken takes tell ten tenth than thanks their them
    then there these they thing things third thirty those though thousand three through thus
    today together too took toward towards tried try twelve twenty twice two under unless until
    upon usually various very via want wants was way well were what whatever when where whether
    which while who whole why will within without would yet""".split()
)
T = TypeVar("T")
_LETTERS_DIGITS = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Alternative:
    """One way an asset may say a typed word: the word itself, a synonym, a correction."""

    terms: Terms  # index terms; all must be in the asset
    weight: float
    reason: str  # 'typed', 'synonym', 'split' or 'correction'
    label: str  # what the rep is shown: 'total cost of ownership', 'compliance'
    phrase: bool = False  # the terms must also stand together, in order
    fields: tuple[str, ...] = ()  # only in these fields; () for every ranked field
    # Where finding it means the asset says it (see `said_in`); () for nowhere.
    said_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """One part of a query (a word, a run of words, a phrase) and its alternatives."""

    typed: str  # as the rep typed it
    alternatives: tuple[Alternative, ...]
    required: bool = False  # a quoted phrase: never left out of a partial match
    covers: tuple[int, ...] = ()  # which typed words it stands for (their places)
    optional: bool = False  # a filler word ('how', 'about'): ranks, but is not required

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for a in self.alternatives for t in a.terms)


@dataclass(frozen=True)
class Plan:
    """A query as it is matched: its concepts, exclusions, corrections and missing words."""

    concepts: tuple[Concept, ...]  # what to match and rank on
    excluded: tuple[Alternative, ...]  # no result may contain any of these
    missing: tuple[str, ...]  # typed words nothing in the library matches, however spelled
    corrections: dict[str, str]  # typed word -> the spelling used instead
    # Content types the query names ('case study', 'battlecard'), each with the places of the
    # typed words naming it: they steer to assets of that type rather than match as words.
    content_types: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def typed_words(self, words: Sequence[str]) -> dict[int, str]:
        """Each typed word (or quoted phrase) by its place in the query: a word the library
        lacks has no concept of its own when a synonym of its run was found ('rate card')."""
        places = dict(enumerate(words))
        places.update((c.covers[0], c.typed) for c in self.concepts if len(c.covers) == 1)
        return places


class Lexicon(Protocol):
    """What the index knows of its words."""

    def knows(self, term: str) -> bool: ...

    def spellings_near(self, word: str, extra_words: frozenset[str]) -> list[str]:
        """Known words (and `extra_words`) a few edits from `word`, most likely first."""
        ...


Analyze = Callable[[str], Terms]
Complete = Callable[[str], list[tuple[str, str]]]  # a word's start -> (word, its index term)


def expand(
    parsed: ParsedQuery,
    *,
    analyze: Analyze,
    synonyms: SynonymTable,
    lexicon: Lexicon,
    complete_last: Complete | None = None,
) -> Plan:
    """`complete_last`, while the rep is typing the last word: the library's words it begins."""
    concepts: list[Concept] = []
    missing: list[str] = []
    corrections: dict[str, str] = {}
    last = len(parsed.words) - 1
    for concept in _word_concepts(parsed.words, analyze, synonyms):
        if any(_known(a, lexicon) for a in concept.alternatives):
            concepts.append(concept)
            continue
        if len(concept.covers) > 1:
            continue  # a synonym of words typed: the words themselves are looked for as well
        completed = None
        if complete_last is not None and concept.covers == (last,):
            completed = _completed(concept, complete_last, lexicon)
        if completed is not None:
            concepts.append(completed)
            continue
        repaired = _repair(concept, analyze, synonyms, lexicon)
        if repaired is None:
            missing.append(concept.typed)
            continue
        concepts.append(repaired)
        for alternative in repaired.alternatives:
            if alternative.reason == "correction":
                corrections[concept.typed] = alternative.label
                break
    position = len(parsed.words)
    for phrase in parsed.phrases:
        terms = analyze(phrase)
        if terms:
            literal = Alternative(terms, 1.0, "typed", phrase, phrase=len(terms) > 1)
            found = (literal, *_synonyms_of(terms, synonyms))
            concepts.append(Concept(phrase, found, covers=(position,), required=True))
            position += 1
    excluded = []
    for text in parsed.excluded:
        terms = analyze(text)
        if terms:
            excluded.append(Alternative(terms, 1.0, "typed", text, phrase=len(terms) > 1))
    # A word no asset has is not missing when a synonym of the run it is in was found:
    # 'rate card' is a price list to a library that says so.
    covered = {p for c in concepts for p in c.covers}
    missing = [
        w for w in missing if parsed.words.index(w) not in covered and w.lower() not in FILLER_WORDS
    ]
    named = synonyms.tag_name_terms
    concepts = [_with_said_in(c, named) for c in concepts]
    types = _content_types(parsed.words, analyze, synonyms)
    return Plan(tuple(concepts), tuple(excluded), tuple(missing), corrections, types)


def _content_types(
    words: Sequence[str], analyze: Analyze, synonyms: SynonymTable
) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The content types named by runs of the typed words, longest run first."""
    analysed = [(i, word, terms) for i, word in enumerate(words) if (terms := analyze(word))]
    runs = _longest_runs(analysed, synonyms.longest, 1, synonyms.content_types.get)
    return tuple((value, tuple(i for i, _, _ in run)) for run, value in runs)


def _longest_runs(
    analysed: Sequence[tuple[int, str, Terms]],
    longest: int,
    shortest: int,
    lookup: Callable[[Terms], T | None],
) -> list[tuple[Sequence[tuple[int, str, Terms]], T]]:
    """Runs of the (place, word, terms) that `lookup` finds something for, scanning from the
    left and taking the longest run at each place; a run's words are in no other run."""
    found = []
    start = 0
    while start < len(analysed):
        for length in range(min(longest, len(analysed) - start), shortest - 1, -1):
            run = analysed[start : start + length]
            value = lookup(tuple(t for _, _, terms in run for t in terms))
            if value:
                found.append((run, value))
                start += length - 1
                break
        start += 1
    return found


def _with_said_in(concept: Concept, named: frozenset[str]) -> Concept:
    """Where each alternative, found, means the asset mentions what was typed: in its own
    words; in its tags too when the words are a tag value's name ('healthcare'), or when a tag
    value is what was typed, shortened ('ben admin', 'BAA'). A tag found through one of the
    taxonomy's other synonyms ('pci dss' under security compliance) is a related asset, not
    one that mentions it."""
    typed = tuple(t for w in concept.typed.split() for t in w.lower().split("-"))
    alternatives = []
    for a in concept.alternatives:
        if a.reason == "tag":
            said_in = TAG_FIELDS if _shortens(typed, a.terms) else ()
        else:
            said_in = OWN_WORDS + (TAG_FIELDS if named.issuperset(a.terms) else ())
        alternatives.append(replace(a, said_in=said_in))
    return replace(concept, alternatives=tuple(alternatives))


def _shortens(typed: Sequence[str], name: Terms) -> bool:
    """'ben admin' of 'benefits administration' (word by word), 'baa' of 'business associate
    agreement' (initials)."""
    pairs = zip(typed, name, strict=False)
    if len(typed) == len(name) and all(n.startswith(t) or t.startswith(n) for t, n in pairs):
        return True
    return len(typed) == 1 and len(name) > 1 and typed[0] == "".join(n[0] for n in name)


def _word_concepts(words: Sequence[str], analyze: Analyze, synonyms: SynonymTable) -> list[Concept]:
    """A concept per word, and one more per run of words that is a synonym group member or a
    tag name: 'total cost of ownership' is four words and, together, 'TCO' — an asset saying
    'TCO' has all of the words."""
    analysed = [(i, word, analyze(word)) for i, word in enumerate(words)]
    analysed = [(i, word, terms) for i, word, terms in analysed if terms]  # stop words drop out
    concepts: list[Concept] = []
    for i, word, terms in analysed:
        # One typed word that is several terms ('month-end') is meant together.
        filler = word.lower() in FILLER_WORDS
        weight = FILLER_WEIGHT if filler else 1.0
        literal = Alternative(terms, weight, "typed", word, phrase=len(terms) > 1)
        alternatives = (literal, *_synonyms_of(terms, synonyms))
        concepts.append(Concept(word, alternatives, covers=(i,), optional=filler))
    for run, others in _longest_runs(
        analysed, synonyms.longest, 2, lambda terms: _synonyms_of(terms, synonyms)
    ):
        typed = " ".join(word for _, word, _ in run)
        concepts.append(Concept(typed, tuple(others), covers=tuple(i for i, _, _ in run)))
    return concepts


def _synonyms_of(terms: Terms, synonyms: SynonymTable) -> list[Alternative]:
    found = [
        Alternative(other, SYNONYM_WEIGHT, "synonym", member, phrase=len(other) > 1)
        for member, other in synonyms.alternatives(terms)
    ]
    found.extend(
        Alternative(value, TAG_WEIGHT, "tag", name, len(value) > 1, TAG_FIELDS)
        for name, value in synonyms.tag_values(terms)
    )
    return found


def _completed(concept: Concept, complete: Complete, lexicon: Lexicon) -> Concept | None:
    """The unfinished last word as the words it begins, the most used first; None when it is
    too short to say (two letters begin hundreds of words) or begins none."""
    typed = concept.typed
    if len(typed) < MIN_COMPLETED or not typed.isalpha():
        return None
    alternatives = [
        Alternative((term,), COMPLETION_WEIGHT, "completion", word)
        for word, term in complete(typed.lower())[:MAX_COMPLETIONS]
        if lexicon.knows(term)
    ]
    return Concept(typed, tuple(alternatives), covers=concept.covers) if alternatives else None


def _known(alternative: Alternative, lexicon: Lexicon) -> bool:
    return all(lexicon.knows(term) for term in alternative.terms)


def _repair(
    concept: Concept, analyze: Analyze, synonyms: SynonymTable, lexicon: Lexicon
) -> Concept | None:
    """For a word the library does not have: letters and digits apart ('soc2' as 'soc 2'),
    else the nearest spellings the library has. None when neither helps."""
    typed = concept.typed
    parts = _LETTERS_DIGITS.findall(typed)
    if len(parts) > 1:
        terms = analyze(" ".join(parts))
        split = Alternative(terms, SPLIT_WEIGHT, "split", " ".join(parts), phrase=len(terms) > 1)
        if terms and _known(split, lexicon):
            return Concept(typed, (split,), covers=concept.covers)
    if len(typed) < 4 or not typed.isalpha():
        return None  # too short to correct with confidence; numbers are not misspelt
    alternatives: list[Alternative] = []
    for spelling in lexicon.spellings_near(typed.lower(), synonyms.words)[:MAX_CORRECTIONS]:
        terms = analyze(spelling)
        corrected = Alternative(terms, CORRECTION_WEIGHT, "correction", spelling)
        # A misspelt synonym ('cybersecurty') is found by what it means.
        meant = [
            Alternative(
                a.terms, a.weight * CORRECTION_WEIGHT, "correction", spelling, a.phrase, a.fields
            )
            for a in _synonyms_of(terms, synonyms)
        ]
        alternatives.extend(a for a in (corrected, *meant) if _known(a, lexicon))
    alternatives.extend(_compound_splits(typed, analyze, lexicon))
    if not alternatives:
        return None
    return Concept(typed, tuple(alternatives), covers=concept.covers)


def _compound_splits(typed: str, analyze: Analyze, lexicon: Lexicon) -> list[Alternative]:
    """Two words run together ('dashcam' for 'dash cam'), as a phrase of two known words."""
    found = []
    for cut in range(MIN_COMPOUND_PART, len(typed) - MIN_COMPOUND_PART + 1):
        words = f"{typed[:cut]} {typed[cut:]}"
        terms = analyze(words)
        split = Alternative(terms, SPLIT_WEIGHT, "split", words, phrase=True)
        if len(terms) == 2 and _known(split, lexicon):
            found.append(split)
    return found[:MAX_CORRECTIONS]

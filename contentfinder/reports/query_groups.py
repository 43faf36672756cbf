"""Which recorded searches are the same request: one group for the spellings of one need,
merged before the privacy rule counts reps (two reps typing "iso 27001" and two typing
"ISO 27001" are one group of four).

A search's key is its words as the index analyses them (case, accents, stop words and word
endings folded; order ignored). A search the engine corrected counts under its correction
(`detail["corrected"]`), and so does the same typo recorded without one. A key of at least
two words takes in the keys with one word more ("iso 27001 certificate" joins "iso 27001"),
never more than one: "iso 27001 audit checklist" is a different request. Hashed text
(`--redact-queries`) can only be grouped by its hash, exactly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from contentfinder.index.analysis import analyze_text
from contentfinder.usage.store import EventRecord

HASHED_PREFIX = "sha256:"
HASHED_LABEL = "(hashed search text)"
NO_WORDS = "(no words; filters only)"  # what a note to marketing about the filters alone is under
MIN_SUBSET_WORDS = 2  # a key this long or longer takes in the keys with one word more
GROUPING_NOTE = (
    "Searches for the same thing count together: ignoring case, word order and word endings; "
    "a typo with the correction the search made; and a search with one word more than "
    "another of two words or more ('iso 27001 certificate' with 'iso 27001')."
)
HASHED_NOTE = (
    "(hashed search text): searches synced with --redact-queries, whose words are not known "
    "here; each is grouped by its hash only, so spellings of one request are not merged."
)

Key = frozenset[str]


@dataclass
class QueryGroup:
    """The searches (and notes to marketing) of one request."""

    key: Key  # the group's key words (the shortest of its keys)
    events: list[EventRecord] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)  # as typed, spaces normalised
    corrected: Counter[str] = field(default_factory=Counter)  # corrections the engine made
    hashed: bool = False

    @property
    def label(self) -> str:
        """The form to show: the most common spelling the engine did not need to correct,
        else the correction (a group of typos reads as what was meant)."""
        if self.hashed:
            return HASHED_LABEL
        typed = Counter(
            {form: n for form, n in self.forms.items() if form.casefold() not in self._typos}
        )
        if typed:
            return _most_common(typed)
        if self.corrected:
            return _most_common(self.corrected)
        return _most_common(self.forms) if self.forms else NO_WORDS

    @property
    def variants(self) -> list[str]:
        """The other spellings, most common first; a typo with what it was corrected to."""
        if self.hashed:
            return []
        seen, typos, variants = {self.label.casefold()}, self._typos, []
        for form, _ in _ranked(self.forms):
            if form.casefold() in seen:
                continue  # the same spelling in other case is no variant worth reading
            seen.add(form.casefold())
            typo = typos.get(form.casefold())
            variants.append(f"{form} (corrected to {typo})" if typo else form)
        return variants

    @property
    def _typos(self) -> dict[str, str]:
        typos = {}
        for event in self.events:
            correction = corrected_of(event)
            if correction and correction.casefold() != _spaced(event.query).casefold():
                typos[_spaced(event.query).casefold()] = correction
        return typos


def group_queries(events: Iterable[EventRecord]) -> list[QueryGroup]:
    """The events with their query, grouped by request, largest group first."""
    chosen = list(events)
    corrections = _corrections(chosen)
    by_key: dict[Key, list[EventRecord]] = defaultdict(list)
    hashed: dict[str, list[EventRecord]] = defaultdict(list)
    for event in chosen:
        query = _spaced(event.query)
        if query.startswith(HASHED_PREFIX):
            hashed[query].append(event)
            continue
        # A query of stop words alone ("the") is its own request, not the no-words one.
        own = words_of(query) or (frozenset({query.casefold()}) if query else frozenset())
        by_key[words_of(corrected_of(event) or "") or corrections.get(own, own)].append(event)
    groups = [_group(root, [e for k in keys for e in by_key[k]]) for root, keys in _merged(by_key)]
    groups += [_group(frozenset({h}), found, hashed=True) for h, found in hashed.items()]
    groups.sort(key=lambda g: (-len(g.events), g.label.casefold()))
    return groups


def words_of(text: str) -> Key:
    """The words of `text` that say what was asked, as the index analyses them."""
    return frozenset(term.decode() for term, *_ in analyze_text(text).items)


def corrected_of(event: EventRecord) -> str | None:
    correction = (event.detail or {}).get("corrected")
    return _spaced(correction) if isinstance(correction, str) and correction.strip() else None


def _corrections(events: list[EventRecord]) -> dict[Key, Key]:
    """typo's key -> its correction's, from the searches the engine corrected: the same typo
    recorded before searches kept their correction counts with it too."""
    votes: dict[Key, Counter[Key]] = defaultdict(Counter)
    for event in events:
        correction = corrected_of(event)
        if correction:
            own, meant = words_of(_spaced(event.query)), words_of(correction)
            if own and meant and own != meant:
                votes[own][meant] += 1
    return {typo: max(v, key=lambda k: (v[k], sorted(k))) for typo, v in votes.items()}


def _merged(by_key: dict[Key, list[EventRecord]]) -> list[tuple[Key, list[Key]]]:
    """Each root key with the keys it takes in: those with exactly one word more. A key with
    several such roots joins the one with most events (then the first alphabetically)."""
    roots: dict[Key, list[Key]] = {}
    for key in sorted(by_key, key=lambda k: (len(k), sorted(k))):
        candidates = [
            key - {word}
            for word in key
            if len(key) - 1 >= MIN_SUBSET_WORDS and key - {word} in roots
        ]
        if candidates:
            best = min(candidates, key=lambda k: (-len(by_key[k]), sorted(k)))
            roots[best].append(key)
        else:
            roots[key] = [key]
    return list(roots.items())


def _group(key: Key, events: list[EventRecord], *, hashed: bool = False) -> QueryGroup:
    group = QueryGroup(key, sorted(events, key=lambda e: e.occurred_at), hashed=hashed)
    for event in group.events:
        form = _spaced(event.query)
        if form:
            group.forms[form] += 1
        correction = corrected_of(event)
        if correction:
            group.corrected[correction] += 1
    return group


def _spaced(text: str | None) -> str:
    return " ".join((text or "").split())


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Spellings most common first, counting those that differ only in case together (the
    lower-case one shown on a tie), then alphabetically."""
    families: Counter[str] = Counter()
    for form, n in counts.items():
        families[form.casefold()] += n
    return sorted(
        counts.items(),
        key=lambda item: (
            -families[item[0].casefold()],
            item[0].casefold(),
            -item[1],
            item[0] != item[0].casefold(),
            item[0],
        ),
    )


def _most_common(counts: Counter[str]) -> str:
    return _ranked(counts)[0][0]

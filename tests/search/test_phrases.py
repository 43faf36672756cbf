"""Phrase checks over every position of a term at once: the documents where a phrase's
terms stand in order, from runs of positions as segments hold them."""

from __future__ import annotations

from contentfinder.index.positions import encode_positions
from contentfinder.index.term_reader import PlacesRun
from contentfinder.search.phrases import places_keys, run_keys, standing_together

# Per document, where each word of 'total cost of ownership' stands ('of' is a stop word:
# 'ownership' follows 'cost' at the next position).
TEXT_OF = {
    1: "total cost ownership",  # the phrase
    2: "cost total ownership total",  # every word, never in order
    3: "total total cost ownership cost",  # in order once, after a false start
    4: "total cost",  # two words of it
    5: "ownership total cost total cost ownership",  # at the end, after a near miss
    70_000: "x total cost ownership",  # a document number past 16 bits
}
CASES = {
    ("total", "cost"): [1, 3, 4, 5, 70_000],
    ("cost", "total"): [2, 5],
    ("total", "cost", "ownership"): [1, 3, 5, 70_000],
    ("ownership", "total", "cost"): [5],
    ("cost", "cost"): [],
}


def places_of(word: str) -> dict[int, bytes]:
    return {
        docnum: encode_positions([at for at, w in enumerate(text.split()) if w == word])
        for docnum, text in TEXT_OF.items()
        if word in text.split()
    }


def runs_of(word: str, split_at: int) -> list[PlacesRun]:
    """The word's positions as two segments hold them: the documents below `split_at` in the
    first, the rest in the second (numbered from its own first document), each run cut from
    a longer buffer."""
    runs = []
    places = places_of(word)
    for numbers, offset in (
        ([d for d in places if d < split_at], 0),
        ([d for d in places if d >= split_at], split_at),
    ):
        values = [places[d] for d in numbers]
        base = 12  # the run starts 12 bytes into the segment's positions
        starts = [base]
        for value in values:
            starts.append(starts[-1] + len(value))
        runs.append(
            PlacesRun(offset, [d - offset for d in numbers], starts, b"".join(values), base)
        )
    return runs


def test_phrases_are_found_from_runs_of_positions_across_segments() -> None:
    for split_at in (3, 5, 1_000):
        for words, expected in CASES.items():
            columns = [run_keys(runs_of(w, split_at)) for w in words]
            assert standing_together(columns) == expected, (words, split_at)


def test_phrases_are_found_from_some_documents_positions() -> None:
    for words, expected in CASES.items():
        columns = [places_keys(places_of(w)) for w in words]
        assert standing_together(columns) == expected, words
    some = {d: v for d, v in places_of("total").items() if d in (3, 4)}
    assert standing_together([places_keys(some), places_keys(places_of("cost"))]) == [3, 4]


def test_a_term_no_document_has_makes_no_phrase() -> None:
    assert standing_together([run_keys([]), places_keys(places_of("cost"))]) == []
    assert standing_together([places_keys(places_of("cost")), places_keys({})]) == []


def test_a_damaged_posting_loses_its_document_not_the_others() -> None:
    total = places_of("total")
    damaged = dict(total)
    damaged[3] = total[3][:-1]  # a value cut short: not a whole number of positions
    numbers = sorted(damaged)
    values = [damaged[d] for d in numbers]
    starts = [0]
    for value in values:
        starts.append(starts[-1] + len(value))
    run = PlacesRun(0, numbers, starts, b"".join(values))
    found = standing_together([run_keys([run]), places_keys(places_of("cost"))])
    assert found == [1, 4, 5, 70_000]


def test_a_phrase_is_found_from_its_rarest_word_wherever_that_stands() -> None:
    # The rarest word's places are looked up in the others': a rarest word at the start of a
    # document (place 0) begins no phrase of which it is the second word.
    def keys(*pairs: tuple[int, int]) -> object:
        return places_keys(
            {d: encode_positions([p for doc, p in pairs if doc == d]) for d, _ in pairs}
        )

    common = keys(*[(d, p) for d in range(6) for p in range(0, 40, 2)])  # even places
    rare = keys((1, 0), (2, 3), (4, 21), (5, 9))
    assert standing_together([common, rare]) == [2, 4, 5]  # an even place, then the rare one
    assert standing_together([rare, common]) == [2, 4, 5]  # the rare one, then even (+1)
    assert standing_together([common, rare, common]) == [2, 4, 5]

"""The words an asset offers as spelling suggestions: letters only, 3 to 24 of them, in the
order the text has them, at most MAX_VOCABULARY."""

from __future__ import annotations

from indexer.documents import MAX_VOCABULARY, vocabulary


def test_only_words_of_letters_are_offered() -> None:
    tokens = ["pricing", "q3", "roi", "ab", "e.g", "naïve", "x" * 24, "y" * 25, "a*b", "über_x"]
    assert vocabulary(tokens) == ["pricing", "roi", "naïve", "x" * 24]


def test_words_keep_their_order_up_to_the_bound() -> None:
    tokens = [f"w{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(6_000)]
    assert vocabulary(tokens) == tokens[:MAX_VOCABULARY]
    assert vocabulary([]) == []

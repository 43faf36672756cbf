"""Versions of one asset: 'Price List 2025 H1' and 'Price List 2025 H2' are one title in two
versions. When both match a search about equally, the newer one is shown first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from contentfinder.text import fold

# Equally relevant, to within this much of the better score: close enough that version order
# should decide (a rep who typed '2024' gets 2024 first, because only it has that word).
EQUAL_ENOUGH = 0.8

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_PERIOD = re.compile(r"\b([qh])([1-4])\b")
_VERSION = re.compile(r"\b(?:v|ver|version|rev|revision|release|r)\s?\.?(\d+(?:\.\d+)*)\b")
_NOISE = re.compile(
    r"\b(?:19|20)\d\d\b|\b[qh][1-4]\b|\b(?:v|ver|version|rev|revision|release|r)\s?\.?\d+(?:\.\d+)*\b"
    r"|\b(?:draft|final|updated|update|new|old|latest|superseded|copy|edition|ed)\b|\(\d+\)|[^\w\s]"
)
_PERIOD_MONTH = {"q": 3, "h": 6}  # q3 starts in month 7, h2 in month 7


def family(title: str) -> str:
    """The title without its version marks; titles with the same family are versions."""
    return " ".join(_NOISE.sub(" ", fold(title)).split())


def recency(title: str, mtime_ns: int) -> tuple[int, int, tuple[int, ...], int]:
    """Newer versions compare greater: the year, period and version number in the title, then
    the file's modification time."""
    folded = fold(title)
    years = [int(y) for y in _YEAR.findall(folded)]
    periods = [1 + (int(n) - 1) * _PERIOD_MONTH[kind] for kind, n in _PERIOD.findall(folded)]
    versions = [tuple(int(p) for p in v.split(".")) for v in _VERSION.findall(folded)]
    return (
        max(years, default=0),
        max(periods, default=0),
        max(versions, default=()),
        mtime_ns,
    )


def newest_first(
    ranked: Sequence[tuple[float, int]],
    title_of: Callable[[int], str],
    recency_of: Callable[[int], tuple],
    tier_of: Callable[[int], int] = lambda _: 0,
) -> list[tuple[float, int]]:
    """`ranked` ((score, docnum), best first) with the versions of each title reordered
    newest first, in the places the family already holds, when they score about equally (and
    are in one tier: match as many of the query's words)."""
    families: dict[tuple[str, int], list[int]] = {}
    for place, (_, docnum) in enumerate(ranked):
        key = family(title_of(docnum))
        if key:
            families.setdefault((key, tier_of(docnum)), []).append(place)
    result = list(ranked)
    for places in families.values():
        if len(places) < 2:
            continue
        best = ranked[places[0]][0]
        close = [p for p in places if ranked[p][0] >= best * EQUAL_ENOUGH]
        if len(close) < 2:
            continue
        by_recency = sorted(close, key=lambda p: recency_of(ranked[p][1]), reverse=True)
        for place, source in zip(close, by_recency, strict=True):
            result[place] = (ranked[place][0], ranked[source][1])
    return result

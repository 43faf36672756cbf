"""Searching as you type is recorded once per settled search, on a real usage log."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from contentfinder.usage.settler import SearchSettler

ME = Identity(device_id="device-1", user_id="user-0123456789abcdef")


@pytest.fixture
def log(tmp_path: Path) -> Iterator[UsageLog]:
    with UsageLog(tmp_path / "home" / "usage.sqlite", identity=ME) as opened:
        yield opened


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def searches(log: UsageLog) -> list[tuple[str | None, dict[str, tuple[str, ...]] | None, int]]:
    return [(e.query, e.filters, e.hit_count or 0) for e in log.events(kinds=["search"])]


def test_typing_a_query_records_it_once(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, clock=clock)
    for query, hits in (("r", 40), ("ro", 12), ("roi", 3)):
        settler.typed(query, {}, hits)
        clock.now += 0.2
    event = settler.settle()
    assert event is not None and event.query == "roi"
    assert searches(log) == [("roi", {}, 3)]
    assert settler.settle() is None


def test_a_new_query_records_the_one_before(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, clock=clock)
    settler.typed("roi", {"persona": ["CFO"]}, 3)
    settler.typed("roi calc", {"persona": ["CFO"]}, 1)  # an edit: replaces
    settler.typed("roi", {"persona": ["CFO"]}, 3)  # backspacing: an edit too
    settler.typed("security", {}, 5)  # something else: "roi" is done
    assert searches(log) == [("roi", {"persona": ("CFO",)}, 3)]
    settler.settle()
    assert searches(log)[-1] == ("security", {}, 5)


def test_poll_waits_for_the_query_to_settle(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, settle_seconds=1.5, clock=clock)
    settler.typed("pricing", {}, 4)
    clock.now += 1.4
    assert settler.poll() is None
    settler.typed("pricing", {}, 6)  # its results arriving do not restart the wait
    clock.now += 0.1
    event = settler.poll()
    assert event is not None and (event.query, event.hit_count) == ("pricing", 6)
    assert settler.poll() is None

    settler.typed("pricing e", {}, 2)
    clock.now += 1.0
    settler.typed("pricing eu", {}, 1)  # still typing: the wait starts again
    clock.now += 1.0
    assert settler.poll() is None
    clock.now += 0.5
    assert settler.poll() is not None
    assert [q for q, _, _ in searches(log)] == ["pricing", "pricing eu"]


def test_a_query_dwelt_on_counts_even_when_typing_goes_on(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, clock=clock)
    settler.typed("roi", {}, 3)
    clock.now += 10  # read the results, nobody polled
    settler.typed("roi calculator", {}, 1)
    settler.settle()
    assert [q for q, _, _ in searches(log)] == ["roi", "roi calculator"]


def test_the_same_settled_search_is_not_recorded_twice(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, clock=clock)
    settler.typed("roi", {"persona": ["CFO", "CISO"]}, 3)
    settler.settle()
    settler.typed(" ROI ", {"persona": ["CISO", "CFO"]}, 3)
    assert settler.settle() is None
    settler.typed("roi", {"persona": ["CFO"]}, 2)  # other filters: another search
    assert settler.settle() is not None
    assert len(searches(log)) == 2


def test_an_empty_box_without_filters_is_never_a_search(log: UsageLog) -> None:
    clock = FakeClock()
    settler = SearchSettler(log, clock=clock)
    settler.typed("   ", {}, 120)
    clock.now += 5
    assert settler.poll() is None and settler.settle() is None
    settler.typed("", {"stage": ["decision"], "pain": []}, 9)  # browsing by facet is
    event = settler.settle()
    assert event is not None and event.query == "" and event.filters == {"stage": ("decision",)}

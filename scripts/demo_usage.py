"""Thirteen weeks of usage by eight reps on three teams and one marketer, as JSON lines in the
SPEC §3 form (`contentfinder events import` loads them): searches run for real on the
library's index (their hits, corrections and missing concepts are what the engine says), and
the uses that follow them linked to the search and the rank they were picked at. For demos,
screenshots and a marketing lead's first look at the reports; seeded, so the same each run.

    .venv/bin/python scripts/demo_usage.py --library resources/sample-library --out demo.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from contentfinder.config import load_settings
from contentfinder.library.opened import Library
from contentfinder.search.results import SearchRequest
from contentfinder.search.session import SearchSession
from contentfinder.usage.events import UsageEvent, new_event, to_record
from contentfinder.usage.identity import Identity
from contentfinder.usage.outcomes import SearchLink, search_outcome

TEAMS = {"EMEA retail": 2, "North America enterprise": 4, "Public sector": 2}
# What reps ask for before calls: the library answers most, not all (dental, FedRAMP, a typo).
QUERIES = (
    "roi calculator",
    "cfo business case",
    "security questionnaire",
    "soc 2 report",
    "case study manufacturing",
    "pricing",
    "competitor battlecard",
    "iso 27001",
    "ISO 27001 certificate",
    "cash forecast",
    "forcast accuracy",
    "audit readiness",
    "vendor consolidation deck",
    "onboarding email template",
    "dental practice case study",
    "fedramp",
    "spend controls",
    "procurement objections",
)
WEEKS = 13


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True)
    parser.add_argument("--home", help="where the library's index is (default: as the CLI)")
    parser.add_argument("--out", required=True, help="the JSON lines file to write")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    library = Library(load_settings(library=args.library, home=args.home))
    events = demo_events(library, seed=args.seed)
    lines = "".join(json.dumps(to_record(e)) + "\n" for e in events)
    Path(args.out).write_text(lines, encoding="utf-8")
    people = len({e.user_id for e in events})
    print(f"Wrote {len(events)} events of {people} people to {args.out}", file=sys.stderr)
    return 0


def demo_events(library: Library, *, seed: int = 13) -> list[UsageEvent]:
    """The thirteen weeks' events, in the order they were made (each person's in turn)."""
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    people = [
        (Identity(f"demo-device-{n}", f"rep-{n}", role="rep", team=team), rng.uniform(0.5, 1.5))
        for n, team in enumerate(t for t, size in TEAMS.items() for _ in range(size))
    ]
    people.append((Identity("demo-device-m", "marketer-1", role="marketing"), 1.0))
    events: list[UsageEvent] = []
    with SearchSession.for_library(library) as session:
        for who, keenness in people:
            for day in range(WEEKS * 7):
                if rng.random() > 0.35 * keenness:
                    continue
                at = now - timedelta(days=WEEKS * 7 - day, hours=rng.randint(0, 8))
                for _ in range(rng.randint(1, 3)):
                    events += _session(session, who, at, rng)
                    at += timedelta(minutes=rng.randint(5, 90))
    return events


def _session(session: SearchSession, who: Identity, at: datetime, rng: random.Random) -> list:
    """One search and what the rep did with its results."""
    query = rng.choice(QUERIES)
    results = session.search(SearchRequest(text=query, limit=10))
    outcome = search_outcome(results)
    search = _at(
        new_event(
            who, "search", query=query, filters={}, hit_count=results.total, detail=outcome.detail()
        ),
        at,
    )
    made = [search]
    picks = 0.7 if results.full_result else 0.15  # a partial answer is mostly passed over
    if not results.hits or rng.random() > picks:
        return made  # nothing picked
    rank = min(int(rng.expovariate(0.8)) + 1, len(results.hits))
    hit = results.hits[rank - 1]
    link = SearchLink(search.event_id, rank)
    seconds = rng.choice((2.0, 4.5, 10.0, 10.0))
    at += timedelta(seconds=rng.randint(8, 120))
    made.append(
        _at(new_event(who, "preview", hit.id, detail={"seconds": seconds}, came_from=link), at)
    )
    if rng.random() < 0.6:
        kind = rng.choice(("open", "open", "copy", "share"))
        made.append(_at(new_event(who, kind, hit.id, came_from=link), at + timedelta(seconds=15)))
    return made


def _at(event: UsageEvent, at: datetime) -> UsageEvent:
    return replace(event, event_id=str(uuid.uuid4()), occurred_at=at)


if __name__ == "__main__":
    raise SystemExit(main())

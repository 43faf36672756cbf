"""The kit for a call on one deal: what to send, each asset with why it is there.

Three sources, in this order: what reps used in similar deals that were won (same stage and
industry, mapped to the taxonomy), the library's best assets for the deal's stage × industry ×
persona (a filter dropped, and said, when the three together find nothing), and what this rep
already used with the deal's account. The events are those in the rep's usage database: their
own, and whatever `events import` brought in (marketing can hand reps the team's history).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from contentfinder.config import Settings
from contentfinder.deals.mapping import DealMapping
from contentfinder.deals.model import Deal
from contentfinder.search.results import Hit, SearchRequest
from contentfinder.text import fold

if TYPE_CHECKING:  # Whoosh and SQLAlchemy: for the kit's computing, not `prep --help`
    from contentfinder.search.session import SearchSession
    from contentfinder.usage.store import EventRecord

USES = frozenset({"open", "preview", "copy", "share"})
SENT_WORDS = {"copy": "sent", "share": "sent", "open": "opened", "preview": "looked at"}
KIT_SIZE = 10
# Which filter goes first when the deal's filters together find nothing: the narrowest.
RELAX_ORDER = ("industry", "persona", "pain")


@dataclass(frozen=True)
class KitHit:
    hit: Hit
    reason: str  # "used in 4 won manufacturing deals at this stage"
    sources: tuple[str, ...]  # "won", "best", "sent"


@dataclass(frozen=True)
class Kit:
    deal: Deal
    filters: dict[str, tuple[str, ...]]  # the suggested filters
    hits: list[KitHit] = field(default_factory=list)
    relaxed: str = ""  # "nothing for manufacturing yet: shown without that filter"


def build_kit(
    session: SearchSession,
    mapping: DealMapping,
    deal: Deal,
    *,
    deals: Sequence[Deal],
    events: Sequence[EventRecord],
    user_id: str,
    limit: int = KIT_SIZE,
) -> Kit:
    filters = mapping.filters_for(deal)
    reasons: dict[str, list[tuple[str, str]]] = defaultdict(list)  # asset id -> (source, why)
    won = _won_evidence(mapping, deal, deals, events)[: limit // 2]
    sent = _sent_to_account(deal, deals, events, user_id)[: limit // 4 or 1]
    for asset_id, why in won:
        reasons[asset_id].append(("won", why))
    # The rest of the kit is the library's best; what was sent keeps its place at the end.
    room = max(limit - len(won) - len({a for a, _w in sent} - set(reasons)), 1)
    best, relaxed = _best(session, filters, room)
    for hit in best:
        reasons[hit.id].append(("best", _best_reason(hit, filters, relaxed)))
    for asset_id, why in sent:
        reasons[asset_id].append(("sent", why))
    known = {hit.id: hit for hit in best}
    hits: list[KitHit] = []
    for asset_id, said in reasons.items():  # insertion order: won, best, sent
        hit = known.get(asset_id) or session.hit(asset_id)
        if hit is None:
            continue  # used once, since removed from the library
        hits.append(KitHit(hit, " · ".join(why for _s, why in said), tuple(s for s, _w in said)))
        if len(hits) == limit:
            break
    return Kit(deal, filters, hits, relaxed)


def _best(
    session: SearchSession, filters: dict[str, tuple[str, ...]], limit: int
) -> tuple[list[Hit], str]:
    """The assets with all the deal's filters, then, to fill the kit, those with fewer (the
    narrowest filter dropped first); said when the full set found nothing."""
    tried = dict(filters)
    found: dict[str, Hit] = {}
    dropped: list[str] = []
    while len(found) < limit:
        results = session.search(SearchRequest(filters=tried, limit=limit))
        if not found and not results.total and tried:
            dropped.extend(tried[_narrowest(tried)])
        for hit in results.hits:
            found.setdefault(hit.id, hit)
        if not tried:
            break
        tried.pop(_narrowest(tried))
        if not tried and found:
            break  # the whole library says nothing about this deal: not a kit
    relaxed = f"Nothing for {' and '.join(dropped)} yet: shown without it." if dropped else ""
    return list(found.values())[:limit], relaxed


def _narrowest(filters: dict[str, tuple[str, ...]]) -> str:
    return next((f for f in RELAX_ORDER if f in filters), next(iter(filters)))


def _best_reason(hit: Hit, filters: dict[str, tuple[str, ...]], relaxed: str) -> str:
    fits = [
        value
        for facet, values in filters.items()
        for value in values
        if value in hit.tags.get(facet, ())
    ]
    if not fits:
        return "in the library for this kind of call"
    return "tagged " + ", ".join(fits)


def _won_evidence(
    mapping: DealMapping, deal: Deal, deals: Sequence[Deal], events: Sequence[EventRecord]
) -> list[tuple[str, str]]:
    stage = mapping.value_for("stage", deal.stage)
    industry = mapping.value_for("industry", deal.industry)
    similar = {
        other.deal_id
        for other in deals
        if other.outcome == "won"
        and other.deal_id != deal.deal_id
        and mapping.value_for("stage", other.stage) == stage
        and mapping.value_for("industry", other.industry) == industry
    }
    used_in: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.kind in USES and event.asset_id and event.deal_id in similar:
            used_in[event.asset_id].add(event.deal_id)
    kind = f"{industry} deals" if industry else "deals"
    at = " at this stage" if stage else ""
    ranked = sorted(used_in.items(), key=lambda item: (-len(item[1]), item[0]))
    return [
        (asset, f"used in {len(won)} won {kind if len(won) > 1 else kind[:-1]}{at}")
        for asset, won in ranked
    ]


def _sent_to_account(
    deal: Deal, deals: Sequence[Deal], events: Sequence[EventRecord], user_id: str
) -> list[tuple[str, str]]:
    if not deal.account:
        return []
    account = fold(deal.account)
    same = {d.deal_id for d in deals if d.account and fold(d.account) == account}
    same.add(deal.deal_id)
    latest: dict[str, EventRecord] = {}
    for event in events:
        if (
            event.user_id == user_id
            and event.kind in SENT_WORDS
            and event.asset_id
            and event.deal_id in same
        ):
            seen = latest.get(event.asset_id)
            # A send says more than an open: keep the most telling, then the newest.
            if seen is None or (_weight(event), event.occurred_at) > (
                _weight(seen),
                seen.occurred_at,
            ):
                latest[event.asset_id] = event
    newest_first = sorted(latest.values(), key=lambda e: e.occurred_at, reverse=True)
    return [
        (
            e.asset_id or "",
            f"you {SENT_WORDS[e.kind]} this for {deal.account} on {e.occurred_at:%d %b %Y}",
        )
        for e in newest_first
    ]


def _weight(event: EventRecord) -> int:
    return 1 if event.kind in ("copy", "share") else 0


def prepared_call(settings: Settings, deal: Deal) -> Kit:
    """The kit from the rep's own library, index, deals and usage database."""
    from contentfinder.deals.mapping import load_deal_mapping
    from contentfinder.deals.store import load_deals
    from contentfinder.library.opened import Library
    from contentfinder.search.session import SearchSession
    from contentfinder.usage.identity import load_identity
    from contentfinder.usage.store import load_events

    library = Library(settings)
    mapping = load_deal_mapping(settings.library, library.taxonomy)
    deals = load_deals(settings.usage_db)
    events = load_events(settings, None).events
    user_id = load_identity(settings.home).user_id
    with SearchSession.for_library(library) as session:
        return build_kit(session, mapping, deal, deals=deals, events=events, user_id=user_id)

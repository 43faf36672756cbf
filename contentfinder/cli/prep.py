"""`contentfinder prep DEAL`: the kit for a call on one deal (won-deal evidence, the library's
best for the deal's stage × industry × persona, what this rep already used with the account),
each asset with why it is there; for a person or, with `--json`, for a script.

A prep records no usage event: it opens, sends and searches nothing, so it is not a use of any
asset, and counting it would credit the kit's own suggestions in the reports."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from contentfinder.cli.common import EXIT_FAILURE, EXIT_OK, error, positive_int, warn
from contentfinder.cli.render import write_json
from contentfinder.deals.kit import KIT_SIZE, Kit, build_kit
from contentfinder.deals.mapping import DealMappingError, load_deal_mapping
from contentfinder.deals.model import Deal
from contentfinder.library.opened import Library
from contentfinder.search.results import hit_json
from contentfinder.usage.identity import load_identity
from contentfinder.usage.log_error import UsageLogError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "deal",
        metavar="DEAL",
        help="the deal's CRM id, or a unique part of its or its account's name",
    )
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=KIT_SIZE,
        metavar="N",
        help=f"how many assets the kit holds at most (default {KIT_SIZE})",
    )
    parser.add_argument("--json", action="store_true", help="print the kit as JSON")


def run(args: argparse.Namespace, library: Library) -> int:
    # SQLAlchemy and Whoosh: for a prep, not for `prep --help`
    from contentfinder.deals.store import DealStoreError, find_deals, load_deals
    from contentfinder.search.session import SearchSession
    from contentfinder.usage.store import load_events

    settings = library.settings
    try:
        deals = load_deals(settings.usage_db)
        mapping = load_deal_mapping(settings.library, library.taxonomy)
    except (DealStoreError, DealMappingError) as exc:
        error(str(exc))
        return EXIT_FAILURE
    found = find_deals(deals, args.deal)
    if not found:
        error(
            f"no deal matches '{args.deal}'; import the CRM's export with "
            "`contentfinder deals import FILE`"
        )
        return EXIT_FAILURE
    if len(found) > 1:
        error(f"'{args.deal}' matches {len(found)} deals; give its CRM id or more of its name:")
        for deal in found:
            print(
                f"  {deal.deal_id}  {deal.name}  ({deal.account or 'no account'})", file=sys.stderr
            )
        return EXIT_FAILURE
    try:
        events = load_events(settings, None).events
    except UsageLogError as exc:
        error(str(exc))
        return EXIT_FAILURE
    user_id = load_identity(settings.home).user_id
    with SearchSession.for_library(library) as session:
        for problem in session.problems:  # a broken synonyms.toml: said, never fatal
            warn(problem)
        kit = build_kit(
            session,
            mapping,
            found[0],
            deals=deals,
            events=events,
            user_id=user_id,
            limit=args.limit,
        )
    if args.json:
        write_json(kit_json(kit), sys.stdout)
    else:
        write_kit(kit, sys.stdout)
    return EXIT_OK


def kit_json(kit: Kit) -> dict[str, object]:
    return {
        "deal": deal_json(kit.deal),
        "filters": {facet: list(values) for facet, values in kit.filters.items()},
        "hits": [{**hit_json(k.hit), "reason": k.reason} for k in kit.hits],
    }


def deal_json(deal: Deal) -> dict[str, object]:
    return {
        "deal_id": deal.deal_id,
        "name": deal.name,
        "account": deal.account,
        "stage": deal.stage,
        "outcome": deal.outcome,
        "amount": deal.amount,
        "currency": deal.currency,
        "close_date": deal.close_date.isoformat() if deal.close_date else None,
        "industry": deal.industry,
    }


def write_kit(kit: Kit, out: TextIO) -> None:
    out.write(deal_line(kit.deal) + "\n")
    if kit.filters:
        said = "; ".join(f"{facet} {', '.join(values)}" for facet, values in kit.filters.items())
        out.write(f"Suggested filters: {said}\n")
    else:
        out.write(
            "No suggested filters: deals.toml and the taxonomy map none of this deal's stage, "
            "industry or contact title\n"
        )
    if kit.relaxed:
        out.write(kit.relaxed + "\n")
    out.write("\n")
    if not kit.hits:
        out.write("Nothing in the library for this call yet.\n")
    for rank, kit_hit in enumerate(kit.hits, start=1):
        hit = kit_hit.hit
        out.write(f"{rank:>2}. {hit.title}\n    {hit.id}\n    {kit_hit.reason}\n\n")


def deal_line(deal: Deal) -> str:
    """'Harbor Steel — Press line · Proposal/Price Quote · USD 120,000 · closes 2026-12-15',
    each part only when the CRM gave it."""
    head = f"{deal.account} — {deal.name}" if deal.account else deal.name
    parts = [head]
    if deal.stage:
        parts.append(deal.stage if deal.is_open else f"{deal.stage} ({deal.outcome})")
    elif not deal.is_open:
        parts.append(deal.outcome)
    if deal.amount is not None:
        amount = f"{deal.amount:,.0f}" if float(deal.amount).is_integer() else f"{deal.amount:,.2f}"
        parts.append(f"{deal.currency} {amount}" if deal.currency else amount)
    if deal.close_date:
        parts.append(f"closes {deal.close_date.isoformat()}")
    return " · ".join(parts)

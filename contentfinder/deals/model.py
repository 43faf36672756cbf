"""One deal as contentfinder keeps it: the CRM's own words (stage, industry, contact title)
as exported, mapped to the taxonomy only when used, so a changed `deals.toml` applies at once
without a re-import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from contentfinder.text import fold

Outcome = Literal["open", "won", "lost"]
OUTCOMES: tuple[Outcome, ...] = ("open", "won", "lost")
# Stage names that say how a deal ended (both CRMs' defaults, and their words in the
# outcome column of a mapped export), folded
WON_WORDS = frozenset({"won", "closed won", "closedwon", "closed/won", "gewonnen", "gagne"})
LOST_WORDS = frozenset({"lost", "closed lost", "closedlost", "closed/lost", "verloren", "perdu"})


def closing_outcome(stage: str | None) -> Outcome | None:
    """ "won" or "lost" for a stage that is a deal's end ("Closed Won"), else None."""
    folded = fold(stage or "")
    return "won" if folded in WON_WORDS else "lost" if folded in LOST_WORDS else None


@dataclass(frozen=True)
class Deal:
    deal_id: str  # the CRM's id (Salesforce Opportunity ID, HubSpot Record ID): the key
    name: str
    account: str | None = None
    stage: str | None = None  # the CRM's stage name, as exported ("Proposal/Price Quote")
    outcome: Outcome = "open"
    amount: float | None = None
    currency: str | None = None  # ISO code or symbol as the export gave it; None: not said
    close_date: date | None = None
    industry: str | None = None  # the CRM's words
    contact_title: str | None = None  # the primary contact's title or role, when exported
    owner: str | None = None  # the deal owner as the CRM names them
    source: str = ""  # the vendor shape recognised: "salesforce", "hubspot" or "mapped"
    imported_at: datetime | None = None  # UTC, set by the store

    @property
    def is_open(self) -> bool:
        return self.outcome == "open"

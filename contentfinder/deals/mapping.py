"""From the CRM's words to the taxonomy: `deals.toml` at the library root (marketing owns it)
maps stage names, industries and contact titles to facet values; what it does not name is
guessed: both CRMs' default stage names ("Proposal/Price Quote" → decision, when the stage
facet has that value), then the taxonomy's values and synonyms, for the whole value and then
for each of its parts ("VP Finance" → CFO when the persona facet lists it; "Negotiation/Review"
→ decision through "negotiation"); what none of them knows is unmapped, counted so marketing
can add it. A closing stage ("Closed Won") says how a deal ended, not where it is: it maps to
nothing and is never reported as unmapped.

```toml
[stage]
"Qualification" = "awareness"
"Proposal/Price Quote" = "decision"
[industry]
"Industrial Machinery" = "manufacturing"
[persona]
"VP Finance" = "CFO"
```
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from contentfinder.deals.model import Deal, closing_outcome
from contentfinder.library.taxonomy import Taxonomy
from contentfinder.text import fold

DEALS_FILE = "deals.toml"
# deals.toml section → (the Deal attribute it maps, the taxonomy facet it maps to)
MAPPED = {"stage": "stage", "industry": "industry", "persona": "contact_title"}
# Salesforce's and HubSpot's default sales-process stages, folded, at the funnel stage where
# the buyer is; used when the stage facet has these values and deals.toml does not say.
CRM_DEFAULT_STAGES = {
    "prospecting": "awareness",
    "qualification": "awareness",
    "appointment scheduled": "awareness",
    "needs analysis": "consideration",
    "value proposition": "consideration",
    "qualified to buy": "consideration",
    "presentation scheduled": "consideration",
    "id. decision makers": "decision",
    "perception analysis": "decision",
    "proposal/price quote": "decision",
    "negotiation/review": "decision",
    "decision maker bought-in": "decision",
    "contract sent": "decision",
}
_PARTS = re.compile(r"\s*[/&,;|+]\s*|\s+-\s+")


def crm_field_name(facet: str) -> str:
    """What the CRM calls the value a facet is mapped from ("contact title" for persona)."""
    return MAPPED[facet].replace("_", " ") if MAPPED[facet] != facet else facet


class DealMappingError(ValueError):
    """A deals.toml that cannot be used; the message names the file and the cause."""


@dataclass(frozen=True)
class DealMapping:
    taxonomy: Taxonomy
    # facet → folded CRM value → canonical facet value (None: deliberately left unmapped)
    explicit: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    source: Path | None = None

    def value_for(self, facet: str, crm_value: str | None) -> str | None:
        """The facet value the CRM's `crm_value` stands for, or None."""
        if not crm_value or not crm_value.strip():
            return None
        folded = fold(crm_value)
        chosen = self.explicit.get(facet, {})
        if folded in chosen:
            return chosen[folded]
        known = self.taxonomy.facet(facet)
        if known is None or (facet == "stage" and closing_outcome(crm_value)):
            return None
        if facet == "stage" and folded in CRM_DEFAULT_STAGES:
            default = known.resolve(CRM_DEFAULT_STAGES[folded])
            if default is not None:
                return default
        whole = known.resolve(crm_value)
        if whole is not None:
            return whole
        parts = [p for p in _PARTS.split(crm_value) if p.strip()]
        guesses = {known.resolve(part) for part in parts} - {None} if len(parts) > 1 else set()
        return guesses.pop() if len(guesses) == 1 else None  # two parts disagreeing: no guess

    def filters_for(self, deal: Deal) -> dict[str, tuple[str, ...]]:
        """The suggested filters for a call on `deal`: {facet: (value,)} for each mapped one."""
        filters: dict[str, tuple[str, ...]] = {}
        for facet, attribute in MAPPED.items():
            value = self.value_for(facet, getattr(deal, attribute))
            if value is not None:
                filters[facet] = (value,)
        return filters

    def unmapped(self, deals: Iterable[Deal]) -> dict[str, Counter[str]]:
        """Per facet, the CRM values that map to nothing, with how many deals have each."""
        found: dict[str, Counter[str]] = {facet: Counter() for facet in MAPPED}
        for deal in deals:
            for facet, attribute in MAPPED.items():
                raw = getattr(deal, attribute)
                if facet == "stage" and closing_outcome(raw):
                    continue
                if raw and raw.strip() and self.value_for(facet, raw) is None:
                    found[facet][raw.strip()] += 1
        return {facet: counts for facet, counts in found.items() if counts}


def load_deal_mapping(library: Path | None, taxonomy: Taxonomy) -> DealMapping:
    """The library's deals.toml over the taxonomy's own guesses; the guesses alone without one."""
    path = library / DEALS_FILE if library is not None else None
    if path is None or not path.is_file():
        return DealMapping(taxonomy)
    try:
        parsed = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DealMappingError(f"{path}: cannot read the deal mapping ({exc})") from exc
    explicit: dict[str, dict[str, str | None]] = {}
    for section, body in parsed.items():
        if section not in MAPPED:
            known = ", ".join(MAPPED)
            raise DealMappingError(f"{path}: unknown section [{section}] (known: {known})")
        facet = taxonomy.facet(section)
        if not isinstance(body, dict):
            raise DealMappingError(f"{path}: [{section}] must map CRM values to {section} values")
        chosen: dict[str, str | None] = {}
        for crm_value, value in body.items():
            if not isinstance(value, str):
                raise DealMappingError(f"{path}: [{section}] {crm_value!r} must name a value")
            canonical = facet.resolve(value) if facet is not None else None
            if value.strip() and canonical is None:
                raise DealMappingError(
                    f"{path}: [{section}] {crm_value!r} = {value!r}: the taxonomy has no "
                    f"{section} value {value!r}"
                )
            chosen[fold(crm_value)] = canonical  # "" maps a value to nothing on purpose
        explicit[section] = chosen
    return DealMapping(taxonomy, explicit, path)

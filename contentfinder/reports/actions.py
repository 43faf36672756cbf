"""What marketing should do with an asset reps do not use, and why: the rules of the "unused"
report's recommended actions, from the facts gathered about one asset.

- **retire**: no engaged use in the period, published more than `RETIRE_AFTER_DAYS` ago, and
  either shown to at least `MIN_REPS` reps and passed over, or never shown while no frequent
  search even matches its text (nobody is looking for it).
- **re-tag**: never shown, although a frequent search (by at least `MIN_REPS` reps) matches its
  text: it ranks below the first page, or its tags keep it out of the filters reps used.
- **promote**: shown to at least `MIN_REPS` reps at least `PROMOTE_SHOWN` times, and engaged
  with by some reps but fewer than `MIN_REPS`: the few who open it may be onto something.
- **review**: unused, and the evidence supports none of the above (too new, shown to too few,
  or its exposure not known because the searches were hashed); the reason says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contentfinder.index.stored import StoredAsset
from contentfinder.reports.exposure import Demand
from contentfinder.reports.inputs import MIN_REPS, plural

RETIRE_AFTER_DAYS = 180  # older than this and never engaged: retire
PROMOTE_SHOWN = 5  # first-page appearances that make an asset "shown often"
RETIRE, RETAG, PROMOTE, REVIEW = "retire", "re-tag", "promote", "review"
ACTIONS = (RETIRE, RETAG, PROMOTE, REVIEW)  # the order the report lists them in


@dataclass(frozen=True)
class AssetFacts:
    asset: StoredAsset
    published: date | None
    times_shown: int  # searches of the period whose first page had it (recorded or replayed)
    shown_reps: int  # reps those searches were made by
    exposure_unknown: bool  # never known shown, but some searches were hashed: not knowable
    engaged_reps: int  # reps with an engaged use in the period
    demand: tuple[Demand, ...]  # frequent searches matching its text that did not show it


@dataclass(frozen=True)
class Action:
    name: str
    reason: str
    evidence: tuple[int, ...]  # larger is stronger; the report sorts by it within an action


def recommend(facts: AssetFacts, today: date) -> Action | None:
    """The action for one current asset, or None when reps use it (or too little is known
    of a used one to say more)."""
    if facts.engaged_reps >= MIN_REPS:
        return None
    if facts.engaged_reps:
        return _promote(facts)
    age = (today - facts.published).days if facts.published else None
    old = age is not None and age > RETIRE_AFTER_DAYS
    shown = _shown(facts)
    if facts.shown_reps >= MIN_REPS:
        if old:
            return Action(
                RETIRE,
                f"{_published(facts, age)}; {shown}, never engaged with",
                (facts.times_shown, age or 0),
            )
        why = "too recent to retire" if age is not None else "published date unknown"
        return Action(
            REVIEW,
            f"{shown}, never engaged with ({why}): do its title and summary say what it offers?",
            (facts.times_shown,),
        )
    if facts.times_shown:
        return Action(REVIEW, f"{shown}: too few to judge", (0,))
    if facts.demand:
        return _retag(facts)
    if facts.exposure_unknown:
        return Action(
            REVIEW,
            "not known whether it was shown (searches hashed); no readable frequent search "
            "matches it",
            (0,),
        )
    if old:
        return Action(
            RETIRE,
            f"{_published(facts, age)}; no search showed it and no frequent search matches it",
            (0, age or 0),
        )
    return Action(
        REVIEW,
        "no search showed it and no frequent search matches it: do reps know it exists?",
        (0,),
    )


def _promote(facts: AssetFacts) -> Action | None:
    if facts.shown_reps < MIN_REPS or facts.times_shown < PROMOTE_SHOWN:
        return None
    return Action(
        PROMOTE,
        f"{_shown(facts)}, engaged with by fewer than {MIN_REPS} reps: feature it",
        (facts.times_shown,),
    )


def _retag(facts: AssetFacts) -> Action:
    best = facts.demand[0]
    never = "not known if shown (searches hashed)" if facts.exposure_unknown else "never shown"
    asked = f"'{best.query}' ({plural(best.searches, 'search')} by {best.reps} reps)"
    if best.rank is None:
        used = "; ".join(f"{facet}: {', '.join(values)}" for facet, values in best.filters)
        own = "; ".join(
            f"{facet}: {', '.join(facts.asset.tags.get(facet, ())) or 'none'}"
            for facet, _ in best.filters
        )
        reason = (
            f"{never}; its text matches {asked}, but their filters ({used}) leave it out: "
            f"it has {own}"
        )
    else:
        reason = (
            f"{never}; its text matches {asked}, but it ranks {_ordinal(best.rank)}, below the "
            f"first page: put those words in its title, summary or tags"
        )
    more = len(facts.demand) - 1
    if more:
        reason += f" (and {plural(more, 'more frequent search')})"
    # Most searched first; then those the filters leave out (a tag to fix), then the nearest
    # to the first page.
    searches = sum(d.searches for d in facts.demand)
    return Action(RETAG, reason, (searches, -(best.rank or 0)))


def _shown(facts: AssetFacts) -> str:
    if facts.shown_reps < MIN_REPS:  # how often would tell what those few searched
        return f"shown only to fewer than {MIN_REPS} reps"
    return f"shown in {plural(facts.times_shown, 'search')} by {facts.shown_reps} reps"


def _published(facts: AssetFacts, age: int | None) -> str:
    assert facts.published is not None and age is not None
    return f"published {facts.published.isoformat()} ({age} days ago)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

"""Turning a search's document numbers into plain `Hit`s: the stored fields decoded, the
snippet around the matched words, and why each asset matched."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from contentfinder.search.expansion import Alternative, Plan
from contentfinder.search.results import Hit, Match

if TYPE_CHECKING:
    from contentfinder.search.session import SearchSession


class HitMaker:
    """Turns document numbers into plain `Hit`s with their snippet and reasons, for one search."""

    def __init__(
        self,
        session: SearchSession,
        plan: Plan,
        filters: Mapping[str, tuple[str, ...]],
        today: date,
    ) -> None:
        self.session, self.plan, self.filters, self.today = session, plan, filters, today

    def __call__(self, docnum: int, score: float, missing: tuple[str, ...] = ()) -> Hit:
        """The hit; `missing`: the words of the query it lacks, when a partial match."""
        session = self.session
        asset, path = session.asset(docnum)
        matches, terms, phrases = self._matches(docnum)
        snippet = session.texts.snippet(asset.content_hash, terms, phrases, asset.title)
        tags = dict(asset.tags)  # the hit's own: the decoded asset is the session's
        return Hit(
            id=asset.id,
            title=asset.title,
            path=path,
            score=float(score),
            snippet=snippet.html if snippet else "",
            location=snippet.location if snippet else None,
            tags=tags,
            free_tags=asset.free_tags,
            format=asset.format,
            kind=asset.kind,
            owner=asset.owner,
            expires=asset.expires.isoformat() if asset.expires else None,
            expired=asset.expired(self.today),
            expiring_soon=asset.expiring_soon(self.today),
            modified=asset.modified.isoformat() if asset.modified else None,
            matches=matches,
            filters_met={
                facet: met
                for facet, values in self.filters.items()
                if (met := tuple(v for v in values if v in tags.get(facet, ())))
            },
            missing=missing,
        )

    def _matches(
        self, docnum: int
    ) -> tuple[tuple[Match, ...], frozenset[str], frozenset[tuple[str, ...]]]:
        """Why the document matched, and the terms and phrases to mark in its snippet: only
        the alternatives it has, so a synonym's words are not marked where they mean nothing,
        and a phrase's words only together."""
        ranker = self.session._ranker
        found = []
        terms: set[str] = set()
        phrases: set[tuple[str, ...]] = set()
        for concept in self.plan.concepts:
            having = [a for a in concept.alternatives if ranker.has(a, docnum)]
            if not having:
                continue
            best: Alternative = max(having, key=lambda a: a.weight)
            where = {f for t in best.terms for f in ranker.fields_with(t, docnum)}
            fields = tuple(f for f in ("title", "tag_text", "summary", "body") if f in where)
            found.append(Match(concept.typed, best.label, best.reason, fields))
            for alternative in having:
                if alternative.fields:
                    continue  # found in the tags only: no words of the text to mark
                if alternative.phrase:
                    phrases.add(alternative.terms)
                else:
                    terms.update(alternative.terms)
        return tuple(found), frozenset(terms), frozenset(phrases)

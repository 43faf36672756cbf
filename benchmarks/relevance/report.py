"""The relevance benchmark's printed report: a row per query, then per set and per query kind
the figures of every engine side by side (see relevance.py for what each figure means)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from benchmarks.relevance.relevance import Evaluated, JudgedQuery, Scored

GOOD_NDCG = 0.7  # a judged query below this, or without its first relevant asset first, fails
ALL_KINDS = "all"
ROW = f"{'nDCG':>5} {'RR':>5} {'n':>3}"


@dataclass(frozen=True)
class Summary:
    queries: int
    judged: int  # queries with a relevant asset
    ndcg: float | None  # None: no query to average over
    mrr: float | None
    top3: float | None
    zero_rate: float | None
    recognised: float | None  # over the queries with no relevant asset
    false_gaps: float | None  # answerable queries said to have no (full) result
    zero_queries: tuple[str, ...]


def _mean(values: Sequence[float]) -> float | None:
    return statistics.mean(values) if values else None


def summarise(queries: Sequence[JudgedQuery], scored: Sequence[Scored]) -> Summary:
    pairs = list(zip(queries, scored, strict=True))
    judged = [s for q, s in pairs if q.relevant]
    with_best = [s for q, s in pairs if 2 in q.relevant.values()]
    unanswerable = [s for q, s in pairs if not q.relevant]
    return Summary(
        queries=len(pairs),
        judged=len(judged),
        ndcg=_mean([s.ndcg for s in judged]),
        mrr=_mean([s.reciprocal_rank for s in judged]),
        top3=_mean([float(s.best_in_top3) for s in with_best]),
        zero_rate=_mean([float(s.returned == 0) for s in judged]),
        recognised=_mean([float(s.recognised) for s in unanswerable]),
        false_gaps=_mean([float(s.recognised) for s in judged]),
        zero_queries=tuple(q.text for q, s in pairs if q.relevant and s.returned == 0),
    )


def failing(query: JudgedQuery, scored: Scored) -> bool:
    if not query.relevant:
        return not scored.recognised
    return scored.ndcg < GOOD_NDCG or scored.reciprocal_rank < 1


def _figure(value: float | None, width: int) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.3f}"


def _query_cells(query: JudgedQuery, scored: Scored) -> str:
    if query.relevant:
        return f"{scored.ndcg:5.2f} {scored.reciprocal_rank:5.2f} {scored.returned:3d}"
    return f"{'-':>5} {'yes' if scored.recognised else 'no':>5} {scored.returned:3d}"


def print_queries(evaluated: Evaluated, *, only_failures: bool) -> None:
    engines = list(evaluated.scored)
    print(f"{'':<58} " + " │ ".join(f"{name:^15}" for name in engines))
    print(f"{'query':<46} {'kind':<11} " + " │ ".join(ROW for _ in engines))
    ours = evaluated.scored[engines[0]]
    for i, query in enumerate(evaluated.queries):
        mine = ours[i]
        bad = failing(query, mine)
        if only_failures and not bad:
            continue
        cells = " │ ".join(_query_cells(query, evaluated.scored[name][i]) for name in engines)
        print(f"{'!' if bad else ' '}{query.text[:45]:<45} {query.kind:<11} {cells}")
        if bad and only_failures:
            for rank, asset in enumerate(mine.ranked[:5], start=1):
                print(f"      {rank}. [{query.relevant.get(asset, 0)}] {asset}")
            for asset in (a for a in query.relevant if a not in mine.ranked):
                print(f"      missed: [{query.relevant[asset]}] {asset}")
    print("(a query with no relevant asset shows under RR whether it was recognised as such)")


def print_overall(summaries: dict[str, Summary]) -> None:
    """The set's headline figures, every engine side by side."""
    first = next(iter(summaries.values()))
    print()
    print(f"{first.queries} queries, {first.judged} with a relevant asset")
    print(f"{'':<28} " + " ".join(f"{name:>14}" for name in summaries))
    rows = [
        ("nDCG@10", "ndcg"),
        ("MRR", "mrr"),
        ("best asset in top 3", "top3"),
        ("zero-result rate", "zero_rate"),
        ("no answer recognised", "recognised"),
        ("answerable, called a gap", "false_gaps"),
    ]
    for label, attribute in rows:
        figures = " ".join(_figure(getattr(s, attribute), 14) for s in summaries.values())
        print(f"{label:<28} {figures}")
    if first.zero_queries:
        print("zero results:", "; ".join(first.zero_queries))


def print_targets(evaluated: Evaluated, by_kind: dict[str, dict[str, Summary]]) -> bool:
    """Each target with contentfinder's figure and what it needs; True when all are met."""
    targets = evaluated.judged.targets
    print()
    if not targets:
        print("no targets for this set")
        return True
    checked = [c for target in targets for c in target.check(by_kind)]
    for c in checked:
        verdict = "met " if c.met else "MISS"
        print(f"  {verdict} {c.label:<52} {c.ours:6.3f}  (needs {c.needed:.3f})")
    met = all(c.met for c in checked)
    print("targets met" if met else "TARGETS NOT MET")
    return met


def summaries_by_kind(evaluated: Evaluated) -> dict[str, dict[str, Summary]]:
    """kind -> engine -> its summary, 'all' first, then the kinds in the file's order."""
    kinds = [ALL_KINDS, *dict.fromkeys(q.kind for q in evaluated.queries)]
    by_kind = {}
    for kind in kinds:
        chosen = [i for i, q in enumerate(evaluated.queries) if kind in (ALL_KINDS, q.kind)]
        by_kind[kind] = {
            engine: summarise([evaluated.queries[i] for i in chosen], [scored[i] for i in chosen])
            for engine, scored in evaluated.scored.items()
        }
    return by_kind


def print_kinds(by_kind: dict[str, dict[str, Summary]]) -> None:
    print()
    figures = ("nDCG@10", "MRR", "top-3", "zero", "recognised", "false gap")
    print(f"{'kind':<11} {'engine':<14} {'queries':>7} " + " ".join(f"{f:>10}" for f in figures))
    for kind, engines in by_kind.items():
        for engine, s in engines.items():
            cells = (s.ndcg, s.mrr, s.top3, s.zero_rate, s.recognised, s.false_gaps)
            row = " ".join(_figure(value, 10) for value in cells)
            print(f"{kind:<11} {engine:<14} {s.queries:>7} {row}")


def print_set(evaluated: Evaluated, *, only_failures: bool = False) -> bool:
    """Prints one set's rows and figures; True when it meets its targets (or has none)."""
    judged = evaluated.judged
    print(f"== {judged.name} set: {judged.judgments.name} judged on {judged.judged_on} ==")
    if not evaluated.queries:
        print("no queries")
        return True
    print_queries(evaluated, only_failures=only_failures)
    by_kind = summaries_by_kind(evaluated)
    print_overall(by_kind[ALL_KINDS])
    print_kinds(by_kind)
    met = print_targets(evaluated, by_kind)
    print()
    return met

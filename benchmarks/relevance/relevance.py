"""Relevance of contentfinder's search on a judged query set, beside a plain Whoosh baseline.

    .venv/bin/python benchmarks/relevance/relevance.py [--library DIR] [--judgments FILE]
        [--kind KIND] [--only-failures]

Indexes the library into a temporary home, then runs every query of `judgments.toml` through
`contentfinder.search.session` and through the baseline (Whoosh's default parser over the body
field, all words required), both in this process on the same index. Prints a row per query and the
summary: nDCG@10 (graded gains 2^grade - 1), MRR (first asset graded 1 or 2), the share of
queries whose best asset (grade 2) is in the top three, and the zero-result rate over the
queries that have a relevant asset. Queries with no relevant asset show how many results each
engine still returned.

The judgments were made by reading the assets, never from what an engine returns; keep it so
when adding queries.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from whoosh import qparser  # noqa: E402

from contentfinder.config import Settings  # noqa: E402
from contentfinder.index.schema import open_for_reading  # noqa: E402
from contentfinder.search.session import SearchRequest, SearchSession  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE_LIBRARY = HERE.parents[1] / "resources" / "sample-library"
JUDGED_ON = date(2026, 11, 23)  # 'today' for expiry, as when the set was judged
DEPTH = 10
TARGETS = {"nDCG@10": 0.85, "MRR": 0.85}


@dataclass(frozen=True)
class JudgedQuery:
    text: str
    kind: str
    relevant: dict[str, int]  # asset id -> grade 1 or 2


@dataclass(frozen=True)
class Scored:
    ndcg: float
    reciprocal_rank: float
    best_in_top3: bool
    returned: int
    ranked: tuple[str, ...]


Engine = Callable[[str], tuple[list[str], int]]  # query -> (ranked ids, total)


def load_judgments(path: Path) -> list[JudgedQuery]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        JudgedQuery(q["text"], q.get("kind", ""), {k: int(v) for k, v in q["relevant"].items()})
        for q in data["query"]
    ]


def score(query: JudgedQuery, ranked: Sequence[str], total: int) -> Scored:
    gains = [2 ** query.relevant.get(asset, 0) - 1 for asset in ranked[:DEPTH]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in query.relevant.values()), reverse=True)[:DEPTH]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    first = next((i for i, a in enumerate(ranked) if query.relevant.get(a, 0) > 0), None)
    best = {a for a, g in query.relevant.items() if g == 2}
    return Scored(
        ndcg=dcg / idcg if idcg else 0.0,
        reciprocal_rank=1 / (first + 1) if first is not None else 0.0,
        best_in_top3=bool(best & set(ranked[:3])) if best else False,
        returned=total,
        ranked=tuple(ranked[:DEPTH]),
    )


def ours(session: SearchSession) -> Engine:
    def run(text: str) -> tuple[list[str], int]:
        results = session.search(SearchRequest(text=text, limit=DEPTH, today=JUDGED_ON))
        return [hit.id for hit in results.hits], results.total

    return run


def baseline(settings: Settings) -> Engine:
    """Whoosh as it comes: the default query parser on the body field, every word required.
    Expired assets are left out, as ours does, so the comparison is about matching and
    ranking alone."""
    index = open_for_reading(settings.index_dir)
    searcher = index.searcher()
    parser = qparser.QueryParser("body", index.schema)
    expired = {
        docnum
        for docnum, fields in searcher.iter_docs()
        if fields.get("expires") and date.fromisoformat(fields["expires"]) < JUDGED_ON
    }

    def run(text: str) -> tuple[list[str], int]:
        results = searcher.search(parser.parse(text), limit=None, mask=expired)
        return [hit["id"] for hit in results[:DEPTH]], len(results)

    return run


@dataclass(frozen=True)
class Summary:
    ndcg: float
    mrr: float
    top3: float
    zero_rate: float
    zero_queries: tuple[str, ...]


def summarise(queries: Sequence[JudgedQuery], scored: Sequence[Scored]) -> Summary:
    judged = [(q, s) for q, s in zip(queries, scored, strict=True) if q.relevant]
    with_best = [s for q, s in judged if 2 in q.relevant.values()]
    zero = tuple(q.text for q, s in judged if s.returned == 0)
    return Summary(
        ndcg=statistics.mean(s.ndcg for _, s in judged),
        mrr=statistics.mean(s.reciprocal_rank for _, s in judged),
        top3=statistics.mean(s.best_in_top3 for s in with_best),
        zero_rate=len(zero) / len(judged),
        zero_queries=zero,
    )


def evaluate(
    library: Path, judgments: Path, home: Path, *, kind: str | None = None
) -> tuple[list[JudgedQuery], list[Scored], list[Scored]]:
    settings = Settings(library=library, home=home)
    update_index(settings)
    queries = [q for q in load_judgments(judgments) if kind is None or q.kind == kind]
    with SearchSession(settings) as session:
        engine, plain = ours(session), baseline(settings)
        mine = [score(q, *engine(q.text)) for q in queries]
        theirs = [score(q, *plain(q.text)) for q in queries]
    return queries, mine, theirs


def print_report(
    queries: Sequence[JudgedQuery],
    mine: Sequence[Scored],
    theirs: Sequence[Scored],
    *,
    only_failures: bool = False,
) -> bool:
    """Prints the rows and the summary; True when every target is met."""
    header = f"{'nDCG':>5} {'RR':>5} {'n':>3}"
    print(f"{'query':<46} {'kind':<11} {header} │ {header.replace('nDCG', 'base')}")
    for q, m, b in zip(queries, mine, theirs, strict=True):
        failing = q.relevant and (m.ndcg < 0.7 or m.reciprocal_rank < 1)
        if only_failures and not failing:
            continue
        mark = "!" if failing else " "
        if q.relevant:
            row = f"{m.ndcg:5.2f} {m.reciprocal_rank:5.2f} {m.returned:3d} │ "
            row += f"{b.ndcg:5.2f} {b.reciprocal_rank:5.2f} {b.returned:3d}"
        else:
            row = f"{'-':>5} {'-':>5} {m.returned:3d} │ {'-':>5} {'-':>5} {b.returned:3d}"
        print(f"{mark}{q.text[:45]:<45} {q.kind:<11} {row}")
        if failing and only_failures:
            for rank, asset in enumerate(m.ranked[:5], start=1):
                print(f"      {rank}. [{q.relevant.get(asset, 0)}] {asset}")
            missing = [a for a in q.relevant if a not in m.ranked]
            for asset in missing:
                print(f"      not in top {DEPTH}: [{q.relevant[asset]}] {asset}")
    ours_summary, base_summary = summarise(queries, mine), summarise(queries, theirs)
    judged = sum(1 for q in queries if q.relevant)
    print()
    print(f"{len(queries)} queries, {judged} with a relevant asset")
    print(f"{'':<28} {'contentfinder':>14} {'baseline':>10} {'target':>8}")
    rows = [
        ("nDCG@10", ours_summary.ndcg, base_summary.ndcg, "≥ 0.85"),
        ("MRR", ours_summary.mrr, base_summary.mrr, "≥ 0.85"),
        ("best asset in top 3", ours_summary.top3, base_summary.top3, ""),
        ("zero-result rate", ours_summary.zero_rate, base_summary.zero_rate, "0"),
    ]
    for label, a, b, target in rows:
        print(f"{label:<28} {a:>14.3f} {b:>10.3f} {target:>8}")
    if ours_summary.zero_queries:
        print("zero results:", "; ".join(ours_summary.zero_queries))
    met = (
        ours_summary.ndcg >= TARGETS["nDCG@10"]
        and ours_summary.mrr >= TARGETS["MRR"]
        and not ours_summary.zero_queries
    )
    print("targets met" if met else "TARGETS NOT MET")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, default=SAMPLE_LIBRARY)
    parser.add_argument("--judgments", type=Path, default=HERE / "judgments.toml")
    parser.add_argument("--kind", help="only the queries of this kind")
    parser.add_argument("--only-failures", action="store_true", help="rows below target only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relevance-") as home:
        queries, mine, theirs = evaluate(args.library, args.judgments, Path(home), kind=args.kind)
        met = print_report(queries, mine, theirs, only_failures=args.only_failures)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

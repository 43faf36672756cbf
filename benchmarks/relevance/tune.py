"""How the ranking's weights were chosen: nDCG@10 and MRR on the judged set for a grid of
field weights and expansion weights, best first.

    .venv/bin/python benchmarks/relevance/tune.py

A setting is only worth taking when it wins clearly and its neighbours score about as well:
the judged set is small, and a sharp peak is more likely the set than the ranking.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.relevance.relevance import (  # noqa: E402
    HERE,
    JUDGED_ON,
    SAMPLE_LIBRARY,
    load_judgments,
    score,
)
from contentfinder.config import Settings  # noqa: E402
from contentfinder.search import expansion, ranking  # noqa: E402
from contentfinder.search.session import SearchRequest, SearchSession  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402

GRID = {
    "title": (2.0, 3.0, 4.0),
    "tag_text": (1.0, 2.0, 3.0),
    "summary": (1.0, 1.5, 2.0),
    "synonym": (0.5, 0.7, 0.9),
    "tag": (0.5, 0.8),
}


def measure(settings: Settings, queries: list, today: date) -> tuple[float, float]:
    with SearchSession(settings) as session:
        scored = []
        for q in queries:
            results = session.search(SearchRequest(text=q.text, limit=10, today=today))
            scored.append(score(q, [h.id for h in results.hits], results.total))
    return (
        statistics.mean(s.ndcg for s in scored),
        statistics.mean(s.reciprocal_rank for s in scored),
    )


def main() -> None:
    queries = [q for q in load_judgments(HERE / "judgments.toml") if q.relevant]
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(library=SAMPLE_LIBRARY, home=Path(home))
        update_index(settings)
        rows = []
        for title, tags, summary, synonym, tag in itertools.product(*GRID.values()):
            ranking.FIELD_WEIGHTS.update(title=title, tag_text=tags, summary=summary)
            expansion.SYNONYM_WEIGHT, expansion.TAG_WEIGHT = synonym, tag
            ndcg, mrr = measure(settings, queries, JUDGED_ON)
            rows.append((ndcg, mrr, title, tags, summary, synonym, tag))
    rows.sort(reverse=True)
    print("nDCG@10   MRR   title tags summary synonym tag")
    for row in rows[:15]:
        print("{:.3f}  {:.3f}   {:>4} {:>4} {:>7} {:>7} {:>3}".format(*row))
    print("...")
    for row in rows[-3:]:
        print("{:.3f}  {:.3f}   {:>4} {:>4} {:>7} {:>7} {:>3}".format(*row))


if __name__ == "__main__":
    main()

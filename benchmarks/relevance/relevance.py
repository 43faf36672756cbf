"""Relevance of contentfinder's search on the judged query sets, beside two plain Whoosh baselines.

    .venv/bin/python benchmarks/relevance/relevance.py [--set sample|heldout|both]
        [--library DIR] [--judgments FILE] [--kind KIND] [--only-failures]

The sets: `sample` (the default) runs `judgments.toml` over `resources/sample-library/`, the
library the ranking was tuned on (`--library` and `--judgments` replace its two parts);
`heldout` builds the held-out library from `heldout/assets/` into a temporary folder and runs
`heldout/judgments.toml`; `both` runs one after the other. Each library is indexed into a
temporary home, then every query runs in this process on that one index through three engines:

- contentfinder: `contentfinder.search.session`;
- OR baseline: plain BM25, Whoosh's `MultifieldParser(["title", "body"], group=OrGroup)` with
  its default BM25F scoring, any word may match (the index's title postings carry the title's
  field boost, so a title word weighs as three body words do);
- AND baseline: Whoosh's default parser over the body field, every word required.

Both baselines leave out expired assets, as contentfinder does, so the comparison is about
matching and ranking alone. Each set's expiry date is the day it was judged.

Printed per query, then per set and per query kind: nDCG@10 (graded gains 2^grade - 1), MRR
(first asset graded 1 or 2), top-3 (the share of queries whose best asset, grade 2, is in the
top three) and the zero-result rate, all four over the queries that have a relevant asset; and,
over the queries with no relevant asset, the share "recognised" as having no answer: the engine
returned no hit, or (contentfinder only) its `SearchResults.missing` names a typed word that no
asset has. The sample set's kind `none` is printed as the held-out set's `no-answer`; the other
kinds are printed as each file names them. Only the sample set has targets so far; the exit
status is 1 when one of them is missed.

The judgments were made by reading the assets, never from what an engine returns; keep it so
when adding queries.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import math
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from whoosh import qparser  # noqa: E402
from whoosh.fields import Schema  # noqa: E402

from benchmarks.relevance.targets import (  # noqa: E402
    HELDOUT_TARGETS,
    SAMPLE_TARGETS,
    Target,
)
from contentfinder.config import Settings  # noqa: E402
from contentfinder.index.schema import open_for_reading  # noqa: E402
from contentfinder.search.session import SearchRequest, SearchSession  # noqa: E402
from indexer.pipeline import update_index  # noqa: E402

HERE = Path(__file__).resolve().parent
SAMPLE_LIBRARY = HERE.parents[1] / "resources" / "sample-library"
HELDOUT = HERE / "heldout"
JUDGED_ON = date(2026, 11, 23)  # 'today' for expiry, as when the sample set was judged
HELDOUT_JUDGED_ON = date(2026, 12, 1)
DEPTH = 10
KIND_NAMES = {"none": "no-answer"}  # one vocabulary for both sets' kinds
ENGINES = ("contentfinder", "OR baseline", "AND baseline")


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
    recognised: bool = False  # no hit, or the engine said a typed word is in no asset


@dataclass(frozen=True)
class Answer:
    ranked: list[str]
    total: int
    no_full_result: bool = False


Engine = Callable[[str], Answer]


@dataclass(frozen=True)
class JudgedSet:
    name: str
    judgments: Path
    judged_on: date
    library: Callable[[Path], Path]  # a scratch folder -> the library folder to index
    targets: Sequence[Target] = ()  # empty: no targets


@dataclass(frozen=True)
class Evaluated:
    judged: JudgedSet
    queries: list[JudgedQuery]
    scored: dict[str, list[Scored]]  # engine name -> one per query


def load_judgments(path: Path) -> list[JudgedQuery]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        JudgedQuery(
            q["text"],
            KIND_NAMES.get(q.get("kind", ""), q.get("kind", "")),
            {k: int(v) for k, v in q["relevant"].items()},
        )
        for q in data["query"]
    ]


def score(
    query: JudgedQuery, ranked: Sequence[str], total: int, *, no_full_result: bool = False
) -> Scored:
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
        recognised=total == 0 or no_full_result,
    )


def judge(query: JudgedQuery, answer: Answer) -> Scored:
    return score(query, answer.ranked, answer.total, no_full_result=answer.no_full_result)


# -- the engines --------------------------------------------------------------------------


def ours(session: SearchSession, today: date = JUDGED_ON) -> Engine:
    def run(text: str) -> Answer:
        results = session.search(SearchRequest(text=text, limit=DEPTH, today=today))
        return Answer([hit.id for hit in results.hits], results.total, not results.full_result)

    return run


def and_parser(schema: Schema) -> qparser.QueryParser:
    return qparser.QueryParser("body", schema)


def or_parser(schema: Schema) -> qparser.QueryParser:
    return qparser.MultifieldParser(["title", "body"], schema, group=qparser.OrGroup)


@contextlib.contextmanager
def baseline(
    settings: Settings,
    make_parser: Callable[[Schema], qparser.QueryParser] = and_parser,
    *,
    today: date = JUDGED_ON,
) -> Iterator[Engine]:
    """Whoosh as it comes, with the given parser and its default BM25F scoring. Expired assets
    are left out, as ours does, so the comparison is about matching and ranking alone."""
    index = open_for_reading(settings.index_dir)
    with index.searcher() as searcher:
        parser = make_parser(index.schema)
        expired = {
            docnum
            for docnum, fields in searcher.iter_docs()
            if fields.get("expires") and date.fromisoformat(fields["expires"]) < today
        }

        def run(text: str) -> Answer:
            results = searcher.search(parser.parse(text), limit=None, mask=expired)
            return Answer([hit["id"] for hit in results[:DEPTH]], len(results))

        yield run


# -- the sets -----------------------------------------------------------------------------


def build_heldout(scratch: Path) -> Path:
    """The held-out library, written by its own builder (which reads no contentfinder code)."""
    sys.path.insert(0, str(HELDOUT))
    try:
        builder = importlib.import_module("build_library")
    finally:
        sys.path.remove(str(HELDOUT))
    library = scratch / "heldout-library"
    with contextlib.redirect_stdout(sys.stderr):  # its progress line is not a figure
        failed = builder.build(library)
    if failed:
        raise SystemExit(f"relevance: could not build the held-out library into {library}")
    return library


def sets_named(which: str, *, library: Path | None, judgments: Path | None) -> list[JudgedSet]:
    sample = JudgedSet(
        "sample",
        judgments or HERE / "judgments.toml",
        JUDGED_ON,
        lambda _scratch: library or SAMPLE_LIBRARY,
        SAMPLE_TARGETS,
    )
    heldout = JudgedSet(
        "heldout", HELDOUT / "judgments.toml", HELDOUT_JUDGED_ON, build_heldout, HELDOUT_TARGETS
    )
    validation = JudgedSet(
        "validation", HELDOUT / "validation.toml", HELDOUT_JUDGED_ON, build_heldout
    )
    return {
        "sample": [sample],
        "heldout": [heldout],
        "validation": [validation],
        "both": [sample, heldout],
        "all": [sample, heldout, validation],
    }[which]


def evaluate(judged: JudgedSet, scratch: Path, *, kind: str | None = None) -> Evaluated:
    settings = Settings(library=judged.library(scratch), home=scratch / "home")
    update_index(settings)
    wanted = KIND_NAMES.get(kind, kind) if kind else None
    queries = [q for q in load_judgments(judged.judgments) if wanted is None or q.kind == wanted]
    today = judged.judged_on
    with (
        SearchSession(settings) as session,
        baseline(settings, or_parser, today=today) as any_word,
        baseline(settings, and_parser, today=today) as every_word,
    ):
        engines = dict(zip(ENGINES, (ours(session, today), any_word, every_word), strict=True))
        scored = {
            name: [judge(q, engine(q.text)) for q in queries] for name, engine in engines.items()
        }
    return Evaluated(judged, queries, scored)


def main(argv: list[str] | None = None) -> int:
    from benchmarks.relevance.report import print_set

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--set", choices=("sample", "heldout", "validation", "both", "all"), default="all"
    )
    parser.add_argument("--library", type=Path, help="the sample set's library folder")
    parser.add_argument("--judgments", type=Path, help="the sample set's judgments file")
    parser.add_argument("--kind", help="only the queries of this kind")
    parser.add_argument("--only-failures", action="store_true", help="rows below target only")
    args = parser.parse_args(argv)
    met = True
    for judged in sets_named(args.set, library=args.library, judgments=args.judgments):
        with tempfile.TemporaryDirectory(prefix=f"relevance-{judged.name}-") as scratch:
            evaluated = evaluate(judged, Path(scratch), kind=args.kind)
        met = print_set(evaluated, only_failures=args.only_failures) and met
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

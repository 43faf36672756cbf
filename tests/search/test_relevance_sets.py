"""The relevance benchmark on the held-out set: a real build of its library, a real index, and
the figures of contentfinder and of the plain BM25 OR baseline, per query kind and overall."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "relevance"
ENGINES = ("contentfinder", "OR baseline")
OVERALL = ("nDCG@10", "MRR", "best asset in top 3", "zero-result rate", "no answer recognised")


def _fraction_or_dash(cell: str) -> bool:
    return cell == "-" or 0.0 <= float(cell) <= 1.0


def test_the_held_out_set_prints_both_engines_figures_per_kind_and_overall() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARK / "relevance.py"), "--set", "heldout"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "== heldout set" in out and "no targets yet" in out

    judged = tomllib.loads((BENCHMARK / "heldout" / "judgments.toml").read_text("utf-8"))
    queries = judged["query"]
    per_kind = Counter(q["kind"] for q in queries)
    answerable = {q["kind"] for q in queries if q["relevant"]}
    assert len([line for line in out.splitlines() if "│" in line]) >= len(queries) + 1

    header = next(line for line in out.splitlines() if line.startswith(" " * 28))
    assert all(engine in header for engine in ENGINES)
    for label in OVERALL:
        row = next(line for line in out.splitlines() if line.startswith(label))
        cells = row[len(label) :].split()
        assert len(cells) >= len(ENGINES) and all(_fraction_or_dash(c) for c in cells), row

    for kind, count in {"all": len(queries), **per_kind}.items():
        for engine in ENGINES:
            pattern = rf"^{re.escape(kind)} +{engine} +(\d+)((?: +\S+){{5}})$"
            match = re.search(pattern, out, flags=re.MULTILINE)
            assert match, f"no {engine} row for kind {kind}"
            assert int(match[1]) == count
            ndcg, mrr, top3, zero, recognised = match[2].split()
            assert all(_fraction_or_dash(c) for c in (ndcg, mrr, top3, zero, recognised))
            if kind in answerable or kind == "all":
                assert "-" not in (ndcg, mrr, zero), match[0]
            if kind not in answerable:
                assert recognised != "-", match[0]

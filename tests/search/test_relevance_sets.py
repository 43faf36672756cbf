"""The relevance benchmark, run as a developer runs it: all three judged sets (the sample
library, the held-out one built from its sources, the validation queries over it), a real
index each, contentfinder's figures beside the plain BM25 OR baseline's per query kind and
overall, and the targets of issue 11 met (the exit status says so)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "relevance"
ENGINES = ("contentfinder", "OR baseline")
OVERALL = (
    "nDCG@10",
    "MRR",
    "best asset in top 3",
    "zero-result rate",
    "no answer recognised",
    "answerable, called a gap",
)
SETS = {
    "sample": BENCHMARK / "judgments.toml",
    "heldout": BENCHMARK / "heldout" / "judgments.toml",
    "validation": BENCHMARK / "heldout" / "validation.toml",
}
KIND_NAMES = {"none": "no-answer"}


def _fraction_or_dash(cell: str) -> bool:
    return cell == "-" or 0.0 <= float(cell) <= 1.0


@pytest.fixture(scope="module")
def printed() -> dict[str, str]:
    """The script's output, one part per set."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARK / "relevance.py"), "--set", "all"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "error"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    parts = re.split(r"^== (\w+) set: .*==$", result.stdout, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_script_runs_all_three_sets(printed) -> None:
    assert list(printed) == list(SETS)


@pytest.mark.parametrize("name", list(SETS))
def test_each_set_prints_both_engines_figures_per_kind_and_overall(printed, name) -> None:
    out = printed[name]
    queries = tomllib.loads(SETS[name].read_text("utf-8"))["query"]
    kinds = [KIND_NAMES.get(q.get("kind", ""), q.get("kind", "")) for q in queries]
    per_kind = Counter(kinds)
    answerable = {k for k, q in zip(kinds, queries, strict=True) if q["relevant"]}
    assert len([line for line in out.splitlines() if "│" in line]) >= len(queries) + 1

    header = next(line for line in out.splitlines() if line.startswith(" " * 28))
    assert all(engine in header for engine in ENGINES)
    for label in OVERALL:
        row = next(line for line in out.splitlines() if line.startswith(label))
        cells = row[len(label) :].split()
        assert len(cells) >= len(ENGINES) and all(_fraction_or_dash(c) for c in cells), row

    for kind, count in {"all": len(queries), **per_kind}.items():
        for engine in ENGINES:
            pattern = rf"^{re.escape(kind)} +{engine} +(\d+)((?: +\S+){{6}})$"
            match = re.search(pattern, out, flags=re.MULTILINE)
            assert match, f"no {engine} row for kind {kind} in the {name} set"
            assert int(match[1]) == count
            ndcg, mrr, top3, zero, recognised, false_gaps = match[2].split()
            cells = (ndcg, mrr, top3, zero, recognised, false_gaps)
            assert all(_fraction_or_dash(c) for c in cells)
            if kind in answerable or kind == "all":
                assert "-" not in (ndcg, mrr, zero, false_gaps), match[0]
            if kind not in answerable:
                assert recognised != "-", match[0]


@pytest.mark.parametrize("name", ["sample", "heldout"])
def test_the_sets_with_targets_meet_them(printed, name) -> None:
    out = printed[name]
    checked = [line for line in out.splitlines() if line.startswith(("  met ", "  MISS"))]
    assert checked and all(line.startswith("  met ") for line in checked), out
    assert "targets met" in out
    if name == "heldout":  # issue 11's: margins over the baseline, and per query kind
        assert "nDCG@10 ≥ OR baseline + 0.05" in out
        assert "sentences: nDCG@10 ≥ OR baseline + 0.05" in out
        assert "every no-answer query recognised" in out
        assert "nDCG@10 ≥ OR baseline (natural)" in out

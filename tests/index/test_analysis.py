"""The fast body analysis must index exactly what Whoosh's own analyzer would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.analysis import RegexTokenizer
from whoosh.fields import TEXT

from contentfinder.index.analysis import analyze_text, analyzer_fingerprint, text_analyzer
from contentfinder.index.schema import build_schema
from indexer.extract import extract_file
from tests.conftest import CORPUS, SAMPLE_LIBRARY

TEXTS = [
    "The integrations of Northwind's AP-automation: 3.5x faster, e.g. Q3 ROI!",
    "Décision — naïve café; über-größe ÉTÉ İstanbul ǅemal ﬁnance",
    "a an the of to be",  # nothing but stop words
    "",
    "x y z 1 2 3 ab cd",
    "日本語のテキスト 中文 русский текст العربية",
    "v1.2.3 a..b .x. y.* **bold** e.g.. 3.5.",  # dots and asterisks: where tokens end
]
FILES = [
    SAMPLE_LIBRARY / "Guides" / "Implementation and Migration Guide.docx",
    SAMPLE_LIBRARY / "Decks" / "Modern Finance Operations Webinar.pptx",
    CORPUS / "md" / "fastapi_ru_features.md",
    CORPUS / "txt" / "charsetnorm_sample-french-1.txt",
    CORPUS / "pdf" / "pdfjs_tracemonkey.pdf",
]


def whoosh_items(text: str) -> list[tuple[bytes, int, float, bytes]]:
    field = build_schema()["body"]
    return sorted(TEXT.index(field, text))


@pytest.mark.parametrize("text", TEXTS)
def test_fast_analysis_equals_whoosh_on_tricky_text(text: str) -> None:
    assert sorted(analyze_text(text).items) == whoosh_items(text)


def test_tokens_are_whoosh_tokens_on_dots_and_asterisks() -> None:
    from whoosh.analysis.tokenizers import default_pattern

    from contentfinder.index.analysis import _TOKENS

    texts = [*TEXTS, "a.b.c..d. *.* .*. 1.2.3.4 x*y.z* ..e.. f.g"]
    for text in texts:
        assert _TOKENS.findall(text) == [m.group(0) for m in default_pattern.finditer(text)]


def test_the_terms_learnt_are_forgotten_past_their_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from contentfinder.index import analysis

    monkeypatch.setattr(analysis, "_KNOWN_TOKENS", 5)
    monkeypatch.setattr(analysis, "_TERMS", analysis._TermOfToken())
    for text in TEXTS:
        assert sorted(analyze_text(text).items) == whoosh_items(text)
        assert len(analysis._TERMS) <= 5


@pytest.mark.parametrize("field", ["title", "summary", "tag_text"])
def test_fast_analysis_applies_the_field_boost(field: str) -> None:
    text = "Security compliance guide: SOC 2, security reviews"
    schema_field = build_schema()[field]
    expected = sorted(TEXT.index(schema_field, text))
    assert sorted(analyze_text(text, schema_field.format.field_boost).items) == expected


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_fast_analysis_equals_whoosh_on_real_documents(path: Path) -> None:
    text = extract_file(path).text
    assert len(text) > 500
    assert sorted(analyze_text(text).items) == whoosh_items(text)


def test_the_analyzers_fingerprint_is_the_same_in_every_process() -> None:
    # its repr is not: stop words in hash order (PYTHONHASHSEED), functions by address
    probe = (
        "from contentfinder.index.analysis import analyzer_fingerprint, text_analyzer;"
        "print(analyzer_fingerprint(text_analyzer()))"
    )
    shown = {
        subprocess.run(
            [sys.executable, "-c", probe],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(shown) == 1 and "StopFilter" in shown.pop()
    assert analyzer_fingerprint(text_analyzer()) != analyzer_fingerprint(RegexTokenizer())

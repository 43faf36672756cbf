"""Every real-world file (encrypted, broken, mislabelled, hostile) is indexed or reported."""

from __future__ import annotations

import csv

import pytest

from contentfinder.config import Settings
from contentfinder.index.schema import open_for_reading
from contentfinder.index.stored import read_stored_assets
from contentfinder.library.formats import format_of
from contentfinder.search.session import SearchRequest, search
from indexer.pipeline import IndexSummary, update_index
from tests.conftest import CORPUS
from tests.indexer.corpus_outcomes import NOW_READ


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, IndexSummary]:
    assert CORPUS.is_dir(), f"{CORPUS}: the shared real-world corpus must sit beside the checkout"
    settings = Settings(library=CORPUS, home=tmp_path_factory.mktemp("corpus-home"))
    return settings, update_index(settings)


def manifest() -> list[dict[str, str]]:
    with (CORPUS / "MANIFEST.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_file_is_indexed_failed_or_unsupported(corpus_run) -> None:
    settings, summary = corpus_run
    failed = {asset_id for asset_id, _ in summary.failed}
    indexed = {
        hit.id for hit in search(settings, SearchRequest(limit=10_000, include_expired=True)).hits
    }
    for row in manifest():
        name = row["file"]
        supported = format_of(name) is not None
        outcome = (
            "indexed"
            if name in indexed
            else "failed"
            if name in failed
            else "unsupported"
            if name in summary.unsupported
            else "missing"
        )
        assert outcome != "missing", name
        assert supported == (outcome != "unsupported"), name
    assert summary.added == len(indexed)


def test_files_expected_to_fail_fail_with_a_reason(corpus_run) -> None:
    _, summary = corpus_run
    reasons = dict(summary.failed)
    for row in manifest():
        if row["expect"] == "error" and format_of(row["file"]) is not None:
            if row["file"] in NOW_READ:
                continue  # read now: see test_files_the_readers_learnt_to_read_are_searchable
            assert row["file"] in reasons, f"{row['file']} ({row['note']}) should fail"
    for asset_id, reason in summary.failed:
        assert reason and "\n" not in reason and "Traceback" not in reason, asset_id


def test_readable_text_is_searchable(corpus_run) -> None:
    settings, _ = corpus_run
    # Words from files of several formats and encodings.
    for word, expected in [
        ("tracemonkey", "pdf/pdfjs_tracemonkey.pdf"),
        ("FastAPI", "md/fastapi_en_features.md"),
    ]:
        hits = search(settings, SearchRequest(text=word, limit=50, include_expired=True)).hits
        assert expected in {h.id for h in hits}, word


def test_files_the_readers_learnt_to_read_are_searchable(corpus_run) -> None:
    settings, summary = corpus_run
    failed = dict(summary.failed)
    for name, word in NOW_READ.items():
        assert name not in failed, (name, failed.get(name))
        hits = search(settings, SearchRequest(text=word, limit=50, include_expired=True)).hits
        assert name in {h.id for h in hits}, (name, word)


def test_password_protected_files_say_so(corpus_run) -> None:
    _, summary = corpus_run
    reasons = dict(summary.failed)
    assert reasons["pdf/pypdf_r6-user-password.pdf"].startswith("password-protected")
    assert reasons["docx/poi_protected_agile.docx"].startswith("password-protected")


def test_owners_are_the_authors_real_files_name(corpus_run) -> None:
    """Who made the file (not who saved it last); a tool's or an installer's default is no one."""
    settings, _ = corpus_run
    with open_for_reading(settings.index_dir).searcher() as searcher:
        owners = {a.id: a.owner for a in read_stored_assets(searcher, None)}
    assert {name: owners[name] for name in REAL_AUTHORS} == REAL_AUTHORS


REAL_AUTHORS = {
    "docx/poi_HeaderFooterUnicode.docx": "Nick Burch",
    "docx/tika_testWORD_embedded_pdf.docx": "IBMer",  # last saved by Michael McCandless
    "docx/tika_NullHeader.docx": "",  # "Apache POI"
    "docx/tika_testWORD_text_box.docx": "",  # "Windows User"
    "pptx/poi_sample_pptx_grouping_issues.pptx": "Timothy Walter Lai",  # saved by reneemo
    "pptx/pptx_test.pptx": "",  # "python-pptx"
    "pptx/tika_testPPT.pptx": "Rajiv",
    "xlsx/tika_testEXCEL.xlsx": "Keith Bennett",  # last saved by garribas
    "xlsx/tika_testEXCEL.strict.xlsx": "Nick Burch",  # Strict OOXML's own namespaces
    "xlsx/openpyxl_vba-test.xlsm": "",  # "Unknown"
    "xlsx/tika_testEXCEL_phonetic.xlsx": "",  # "Windows ユーザー"
    "pdf/tika_testPDF.pdf": "Bertrand Delacrétaz",
    "pdf/tika_testOCR.pdf": "grantingersoll",  # /Author is an indirect object
    "pdf/pdfjs_TAMReview.pdf": "",  # "ARRAY(0x2c7cf020)", a Perl writer's bug
    "pdf/pypdf_r6-empty-password.pdf": "cheng",  # encrypted, opens without a password
    "html/tika_testHTML.html": "Tika Developers",
    "md/fastapi_en_features.md": "",
}

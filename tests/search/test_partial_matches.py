"""Issue 11's search behaviours on real indexed files: the page filled below the full
matches, a query whose key word no asset mentions recognised as a gap (at the top, under a
divider, in `--json` and in the search event), acronyms expanded as phrases, content-type
words steering, and two-topic queries interleaved."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from contentfinder.config import Settings
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.usage.identity import Identity
from contentfinder.usage.log import UsageLog
from indexer.pipeline import update_index
from tests.cli.test_cli import cli
from tests.factories import TEST_TAXONOMY, write_docx, write_pdf, write_text

TODAY = date(2026, 12, 1)
TAXONOMY = (
    TEST_TAXONOMY
    + """
[facets.content_type]
label = "Content type"
multi = false
[[facets.content_type.values]]
name = "case study"
synonyms = ["case studies", "customer story"]
[[facets.content_type.values]]
name = "whitepaper"
[[facets.content_type.values]]
name = "roi calculator"
"""
).replace('synonyms = ["soc 2", "compliance"]', 'synonyms = ["soc 2", "compliance", "pci dss"]')

FILLER = "The team met on Tuesday and agreed on the next steps."


def _library(make_library, settings_for, files, catalog: str | None = None) -> Settings:
    settings = settings_for(make_library(files, catalog=catalog, taxonomy=TAXONOMY))
    summary = update_index(settings, workers=1)
    assert not summary.failed
    return settings


def _search(settings: Settings, text: str, limit: int = 20):
    with SearchSession(settings) as session:
        return session.search(SearchRequest(text=text, limit=limit, today=TODAY))


@pytest.fixture
def practices(make_library, settings_for) -> Settings:
    """Practice software, security and ROI assets; nothing about dentists."""
    return _library(
        make_library,
        settings_for,
        {
            "both.txt": lambda p: write_text(p, "Security questions answered in an ROI model."),
            "security.docx": lambda p: write_docx(
                p, ["Security whitepaper: encryption, audits and security reviews.", FILLER]
            ),
            "roi.pdf": lambda p: write_pdf(p, ["ROI guide: the ROI of faster closes.", FILLER]),
            "practice.txt": lambda p: write_text(p, "Practice management software for clinics."),
            "software.txt": lambda p: write_text(p, "Our software runs in the cloud."),
            "unrelated.txt": lambda p: write_text(p, FILLER),
        },
        catalog="path,pain\nsecurity.docx,security compliance\n",
    )


def test_the_page_is_filled_below_the_full_matches(practices) -> None:
    found = _search(practices, "security roi")
    ids = [h.id for h in found.hits]
    # The asset with both words, then the best of each, never only the one full match.
    assert ids[0] == "both.txt" and set(ids[1:]) == {"security.docx", "roi.pdf"}
    assert found.full_total == 1 and found.total == 3 and found.full_result
    assert [h.full for h in found.hits] == [True, False, False]
    lacking = {h.id: h.missing for h in found.hits}
    assert lacking == {"both.txt": (), "security.docx": ("roi",), "roi.pdf": ("security",)}
    assert "unrelated.txt" not in ids


def test_a_word_no_asset_mentions_makes_the_search_a_gap(practices) -> None:
    found = _search(practices, "dental practice software")
    assert found.missing == ("dental",) and not found.full_result and found.full_total == 0
    ids = [h.id for h in found.hits]
    assert ids[0] == "practice.txt" and "software.txt" in ids  # partial matches still shown
    assert all(not h.full and "dental" in h.missing for h in found.hits)


def test_the_command_line_says_so_above_a_divider_and_in_json(practices, tmp_path) -> None:
    library, home = str(practices.library), practices.home
    printed = cli("search", "dental practice software", "--library", library, home=home)
    assert printed.returncode == 0, printed.stderr
    lines = printed.stdout.splitlines()
    assert lines[0] == "No asset mentions 'dental', however spelled."
    assert lines[1].startswith("2 assets, no full match")
    assert lines.index("── Partial matches — missing: dental ──") < next(
        i for i, line in enumerate(lines) if line.startswith(" 1. ")
    )
    mixed = cli("search", "security roi", "--library", library, home=home).stdout.splitlines()
    divider = mixed.index("── Partial matches: each has some of the words, not all ──")
    first, second = (i for i, line in enumerate(mixed) if line.startswith((" 1. ", " 2. ")))
    assert first < divider < second
    assert mixed[0] == "3 assets, 1 full match"

    data = json.loads(
        cli("search", "dental practice software", "--json", "--library", library, home=home).stdout
    )
    assert data["missing_concepts"] == ["dental"] and data["full_total"] == 0
    assert all(hit["full"] is False and "dental" in hit["missing"] for hit in data["hits"])


def test_the_search_event_records_what_the_search_found(practices) -> None:
    library, home = str(practices.library), practices.home
    cli("search", "dental practice software", "--library", library, home=home)
    cli("search", "securty roi", "--library", library, home=home)
    with UsageLog(practices.usage_db, identity=Identity("reader", "reader")) as log:
        gap, corrected = [e for e in log.events() if e.kind == "search"]
    assert gap.detail["missing_concepts"] == ["dental"] and gap.detail["full_result"] is False
    assert gap.detail["shown"][0] == "practice.txt" and gap.detail["corrected"] is None
    assert corrected.detail["corrected"] == "security roi"
    assert corrected.detail["full_result"] is True and corrected.detail["missing_concepts"] == []


def test_a_word_only_a_tags_synonym_has_is_not_mentioned(practices) -> None:
    # 'pci dss' is listed under the security compliance pain: the tagged asset is related,
    # and shown, but it does not mention PCI DSS.
    found = _search(practices, "pci dss")
    assert [h.id for h in found.hits] == ["security.docx"]
    assert set(found.missing) == {"pci", "dss"} and not found.full_result


def test_an_everyday_word_the_library_lacks_is_missing_not_misspelt(make_library, settings_for):
    settings = _library(
        make_library,
        settings_for,
        {"done.txt": lambda p: write_text(p, "Inspections done on every power line.")},
    )
    drone = _search(settings, "drone inspections")
    assert drone.corrected is None and drone.missing == ("drone",) and not drone.full_result
    typo = _search(settings, "inspectoins")
    assert typo.corrected == "inspections" and typo.full_result


def test_a_sentence_is_a_full_match_at_half_its_rarity(practices) -> None:
    # Six counted words; the asset has the rare ones, not 'team' or 'tuesday'.
    found = _search(practices, "practice management software for clinics team tuesday")
    assert found.hits[0].id == "practice.txt" and found.hits[0].full


def test_acronyms_expand_to_phrases_not_to_their_words(make_library, settings_for) -> None:
    settings = _library(
        make_library,
        settings_for,
        {
            "cfo.txt": lambda p: write_text(p, "A note for the chief financial officer."),
            "weak.txt": lambda p: write_text(p, "Its chief weakness: the officer is financial."),
        },
    )
    found = _search(settings, "cfo")
    assert [h.id for h in found.hits] == ["cfo.txt"]
    assert "<b>chief</b> <b>financial</b> <b>officer</b>" in found.hits[0].snippet
    # The words typed as words still find both; 'chief' marked only where typed.
    typed = _search(settings, "chief weakness")
    assert (
        typed.hits[0].id == "weak.txt" and "<b>chief</b> <b>weakness</b>" in typed.hits[0].snippet
    )


def test_content_type_words_steer_to_assets_of_that_type(make_library, settings_for) -> None:
    settings = _library(
        make_library,
        settings_for,
        {
            "acme.docx": lambda p: write_docx(
                p, ["Acme cut scrap by a third", "A manufacturing plant in Ohio.", FILLER]
            ),
            "roi.txt": lambda p: write_text(
                p, "Manufacturing ROI calculator\nSavings per plant; see the case study."
            ),
            "other.docx": lambda p: write_docx(p, ["Bluebird Retail cut returns.", FILLER]),
            "untagged.txt": lambda p: write_text(p, "A case study: manufacturing at Kiln Co."),
        },
        catalog="path,content_type\nacme.docx,case study\nroi.txt,roi calculator\n"
        "other.docx,case study\n",
    )
    # The manufacturing case study, though it never says 'case study', above the calculator
    # that says it (and has 'manufacturing' in its title); an untagged asset saying it may be
    # one; other case studies fill the page.
    found = _search(settings, "case studies manufacturing")
    full = {h.id: h.full for h in found.hits}
    assert {h.id for h in found.hits[:2]} == {"acme.docx", "untagged.txt"}
    assert full["acme.docx"] and full["untagged.txt"]
    assert not full["roi.txt"] and not full["other.docx"]


def test_two_topics_interleave_below_the_assets_with_both(make_library, settings_for) -> None:
    hipaa = "HIPAA HIPAA HIPAA: the HIPAA rules for messages."
    onboarding = "Onboarding plan: onboarding week by week."
    settings = _library(
        make_library,
        settings_for,
        {
            "both.txt": lambda p: write_text(p, "HIPAA during onboarding."),
            "hipaa-1.txt": lambda p: write_text(p, hipaa),
            "hipaa-2.txt": lambda p: write_text(p, hipaa + " " + FILLER),
            "hipaa-3.txt": lambda p: write_text(p, hipaa + " " + FILLER + " " + FILLER),
            "onboarding-1.txt": lambda p: write_text(p, onboarding + " " + FILLER * 3),
            "onboarding-2.txt": lambda p: write_text(p, onboarding + " " + FILLER * 5),
        },
    )
    ids = [h.id for h in _search(settings, "hipaa onboarding").hits]
    assert ids[0] == "both.txt"
    topics = ["hipaa" if i.startswith("hipaa") else "onboarding" for i in ids[1:]]
    assert topics[:4] in (["hipaa", "onboarding"] * 2, ["onboarding", "hipaa"] * 2)


def test_words_run_together_and_contractions_are_read_as_meant(make_library, settings_for):
    settings = _library(
        make_library,
        settings_for,
        {"cam.txt": lambda p: write_text(p, "The dash cam records every trip.")},
    )
    found = _search(settings, "dashcam")
    assert [h.id for h in found.hits] == ["cam.txt"] and found.full_result
    assert found.hits[0].matches[0].matched == "dash cam"
    # "can't" is the word 'can' (a stop word), not an unknown 'ca' that no asset has.
    sentence = _search(settings, "the dash cam can't record")
    assert sentence.missing == () and sentence.hits[0].id == "cam.txt"


def test_nothing_here_is_a_gap_when_the_words_are_all_found(practices) -> None:
    assert _search(practices, "practice software").full_result
    assert Path(practices.library, "practice.txt").is_file()


def test_a_partial_match_lacking_a_synonym_run_names_its_typed_words(make_library, settings_for):
    # 'rate' and 'card' are in no asset: the run is found through its synonym 'price list',
    # so neither word is missing, and a partial match lacks the words as typed.
    settings = _library(
        make_library,
        settings_for,
        {
            "price.txt": lambda p: write_text(p, "Price list 2026 for all plans."),
            "faq.txt": lambda p: write_text(p, "Pricing FAQ: how discounts work."),
            "synonyms.toml": lambda p: write_text(p, 'groups = [["rate card", "price list"]]\n'),
        },
    )
    found = _search(settings, "rate card discounts")
    assert found.missing == ()
    assert {h.id: h.missing for h in found.hits} == {
        "price.txt": ("discounts",),
        "faq.txt": ("rate", "card"),
    }


def test_an_asset_of_another_type_saying_the_type_is_a_partial_match(make_library, settings_for):
    settings = _library(
        make_library,
        settings_for,
        {
            "calc.xlsx.txt": lambda p: write_text(p, "Savings model: enter your volumes."),
            "guide.txt": lambda p: write_text(p, "How to use the ROI calculator with a CFO."),
        },
        catalog="path,content_type\ncalc.xlsx.txt,roi calculator\nguide.txt,whitepaper\n",
    )
    found = _search(settings, "roi calculator")
    # The page is filled: the whitepaper says the words, so it follows, lacking the type.
    assert [(h.id, h.full, h.missing) for h in found.hits] == [
        ("calc.xlsx.txt", True, ()),
        ("guide.txt", False, ("roi calculator",)),
    ]


def test_filler_words_alone_never_match_when_the_real_word_is_missing(practices) -> None:
    # 'next' (in FILLER, so in several assets) is filler: nothing here is what was wanted.
    found = _search(practices, "the next drones")
    assert found.total == 0 and found.missing == ("drones",)


def test_full_matches_of_a_sentence_with_a_missing_word_are_marked_full(practices) -> None:
    found = _search(practices, "practice management software for clinics dental team")
    assert found.missing == ("dental",)
    assert found.full_total >= 1 and found.hits[0].full and found.hits[0].missing == ()
    assert sum(h.full for h in found.hits) == min(found.full_total, len(found.hits))

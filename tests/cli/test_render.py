"""Output for people: snippets in bold on a terminal, the lines publish prints."""

from __future__ import annotations

from pathlib import Path

from contentfinder.cli.render import publish_lines, snippet_text, suggestion_lines
from contentfinder.curation.proposals import Suggestion
from contentfinder.curation.publish import Planned


def test_a_snippet_is_bold_on_a_terminal_and_marked_elsewhere() -> None:
    html = "Payback   in <b>nine</b>\nmonths &amp; <b>ROI</b>"
    assert (
        snippet_text(html, color=True) == "Payback in \033[1mnine\033[0m months & \033[1mROI\033[0m"
    )
    assert snippet_text(html, color=False) == "Payback in «nine» months & «ROI»"


def test_publish_says_what_it_did_would_do_and_left_alone() -> None:
    done = [
        Planned(Path("roi.pptx"), "Decks/roi.pptx", None, {"persona": ("CFO", "VP Sales")}),
        Planned(Path("copy.pptx"), "Decks/copy.pptx", "Decks/old.pptx", {}),
    ]
    assert publish_lines(done, dry_run=False, supersedes="Decks/old-roi.pptx") == [
        "Published roi.pptx as Decks/roi.pptx (persona: CFO, VP Sales)",
        "copy.pptx: already in the library as Decks/old.pptx; not copied",
        "Decks/old-roi.pptx expires today; reps see the new version",
    ]
    # A dry run changes nothing, so nothing expires either.
    assert publish_lines(done[:1], dry_run=True, supersedes="Decks/old-roi.pptx") == [
        "Would publish roi.pptx as Decks/roi.pptx (persona: CFO, VP Sales)"
    ]


def test_tag_proposals_are_offered_not_applied() -> None:
    lines = suggestion_lines(Path("brief.docx"), [Suggestion("persona", "CISO", "says 'SOC 2'")])
    assert lines == [
        "brief.docx — proposals, nothing is tagged without your choice:",
        "  persona: CISO  (says 'SOC 2')",
    ]

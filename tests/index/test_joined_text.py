"""An asset's text as search reads it: where it goes on after a title asked for is what
looking for all three titles at once gives, though only the asked one is looked for."""

from __future__ import annotations

from itertools import product

from contentfinder.index.after_title import title_end
from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.joined_text import JoinedText

OPENINGS = [
    "Bluewater Credit Union: 90 days\nWhat changed in the close.",
    "Bluewater Credit Union\nAudit-ready in 90 days, with the close playbook.",
    "The Month-End Close Playbook - a guide for controllers",
    "Guide: ROI of automation | 2026\nROI in the first quarter.",
    "A note for the CFO.",
    "Zürich office — pricing\n\nSeats and tiers.",
    "",
]
TITLES = [
    "",
    "Bluewater Credit Union: 90 days",
    "Bluewater Credit Union: audit-ready in 90 days",
    "the month-end close playbook",
    "Guide",
    "Guide: ROI of automation",
    "A note for the CFO.",
    "Zürich office",
    "Something else entirely",
]


def test_the_end_after_a_title_asked_for_is_that_of_all_three_titles() -> None:
    checked = 0
    for opening, own, heading, asked in product(OPENINGS, TITLES, TITLES[:5], TITLES):
        segments = (Segment(opening, 1), Segment("More text.", 2))
        extracted = Extracted(segments, title=own, first_heading=heading)
        joined = JoinedText.of(extracted)
        expected = title_end(joined.text, (asked, own, heading))
        assert joined.after_title(asked) == expected, (opening, own, heading, asked)
        checked += expected > 0
    assert checked > 100  # most combinations open with a title: the rule is exercised


def test_segments_come_back_as_they_were_joined() -> None:
    segments = (Segment("one\ntwo", 1), Segment("", 2), Segment("three", None))
    joined = JoinedText.of(Extracted(segments))
    assert joined.text == "one\ntwo\n\nthree"
    assert joined.segments == segments
    assert [joined.location_at(at) for at in (0, 7, 8, 9, 13)] == [1, 1, 2, None, None]
    assert JoinedText.of(Extracted(())).segments == ()

"""When an index run merges segments: searches pay per segment, and every run leaves one more.

A merge rewrites every document of the segments it takes, and Whoosh merges slowly (a few
thousand small documents a second at best), so what a commit may merge is bounded by what it
wrote: a run that changed ten files merges a few small segments, never the large ones a full
index left behind (at 50,000 assets, merging those took a 10-changed run from seconds to a
minute and a half).
"""

from __future__ import annotations

from contentfinder.index.whoosh_writer import add_segments

MAX_SMALL_SEGMENTS = 3  # more small segments than this are merged into one
# Documents a commit may rewrite in a merge: this floor, or this many per document it wrote.
MERGE_FLOOR_DOCUMENTS = 500
MERGE_DOCUMENTS_PER_WRITTEN = 2


def merge_budget(written: int) -> int:
    """How many documents a commit that wrote `written` may rewrite in merges."""
    return max(MERGE_FLOOR_DOCUMENTS, MERGE_DOCUMENTS_PER_WRITTEN * written)


def merge_small_segments(writer, segments: list) -> list:  # noqa: ANN001
    """Whoosh merge policy. Merging at every run would rewrite the same small segment again
    and again; so the smallest segments, as many as the budget allows, are merged once there
    are more than a few of them, and a segment that is mostly deleted documents is merged to
    drop them when the budget allows that too."""
    budget = merge_budget(_written(writer))
    merge: list = []
    cost = 0
    for segment in sorted(segments, key=lambda s: s.doc_count()):
        if cost + segment.doc_count() > budget:
            break
        merge.append(segment)
        cost += segment.doc_count()
    if len(merge) <= MAX_SMALL_SEGMENTS:
        merge, cost = [], 0
    for segment in segments:
        mostly_deleted = segment.deleted_count() > segment.doc_count_all() / 3
        if mostly_deleted and segment not in merge and cost + segment.doc_count() <= budget:
            merge.append(segment)
            cost += segment.doc_count()
    add_segments(writer, merge)
    return [segment for segment in segments if segment not in merge]


def _written(writer) -> int:  # noqa: ANN001 - a whoosh segment writer
    try:
        return int(writer.doc_count())
    except (AttributeError, TypeError):
        return 0

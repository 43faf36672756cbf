"""When an index run merges segments: searches pay per segment, and every run leaves one more."""

from __future__ import annotations

from contentfinder.index.whoosh_internals import add_segments

SMALL_SEGMENT_SHARE = 0.1  # a segment under this share of the index is small
MAX_SMALL_SEGMENTS = 3  # more small segments than this are merged into one


def merge_small_segments(writer, segments: list) -> list:  # noqa: ANN001
    """Whoosh merge policy. Searches pay per segment, and every run leaves one more; merging
    at every run would rewrite the same small segment again and again. So small segments
    (under a tenth of the index) are merged once there are more than a few of them, and a
    segment that is mostly deleted documents is merged to drop them."""
    total = sum(segment.doc_count_all() for segment in segments)
    small = [s for s in segments if s.doc_count_all() < total * SMALL_SEGMENT_SHARE]
    merge = small if len(small) > MAX_SMALL_SEGMENTS else []
    merge += [s for s in segments if s.deleted_count() > s.doc_count_all() / 3 and s not in merge]
    add_segments(writer, merge)
    return [segment for segment in segments if segment not in merge]

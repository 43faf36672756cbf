"""The local extraction cache's entries on a real folder: what is written, what earlier
versions wrote and is still read, and bytes that are no entry, refused without an error."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import zstandard

from contentfinder.index import cache_entry
from contentfinder.index.cache_entry import ENTRY_VERSION, entry_data, entry_payload
from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.joined_text import JoinedText
from contentfinder.index.text_cache import ExtractionCache

DIGEST = "ab" + "0" * 38
EXTRACTED = Extracted(
    segments=(Segment("Zero-downtime migration — plan for Müller", 1), Segment("Encryption", 2)),
    title="Migration Pitch",
    first_heading="Plan",
    keyword_strings=("persona: CISO",),
    facet_values=(("stage", "awareness"),),
    author="Dana Reyes",
    partly_read="slide 3 could not be read",
)


def test_an_entry_is_read_back_as_it_was_put_from_a_zstandard_frame(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put(DIGEST, EXTRACTED)
    payload = cache._path(DIGEST).read_bytes()
    assert payload.startswith(zstandard.FRAME_HEADER)
    assert entry_data(payload)["version"] == ENTRY_VERSION
    assert cache.get_versioned(DIGEST) == (EXTRACTED, ENTRY_VERSION)


def test_an_entry_earlier_versions_wrote_with_zlib_is_still_read(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put(DIGEST, EXTRACTED)
    path = cache._path(DIGEST)
    data = entry_data(path.read_bytes())
    data["version"] = 2
    path.write_bytes(zlib.compress(json.dumps(data).encode(), 1))  # as entries were until now
    assert cache.get_versioned(DIGEST) == (EXTRACTED, 2)
    assert cache.get_text(DIGEST) == JoinedText.of(EXTRACTED)


def test_an_entry_holds_its_text_apart_from_the_rest_as_it_is(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put(DIGEST, EXTRACTED)
    raw = zstandard.decompress(cache._path(DIGEST).read_bytes())
    header, text = raw.split(b"\n", 1)
    assert json.loads(header)["lengths"] == [len(s.text) for s in EXTRACTED.segments]
    assert text.decode() == "\n".join(s.text for s in EXTRACTED.segments)
    joined = cache.get_text(DIGEST)
    assert joined == JoinedText.of(EXTRACTED)
    assert joined.segments == EXTRACTED.segments
    assert joined.location_at(joined.starts[1]) == 2


def test_an_entry_the_last_format_wrote_is_read_as_it_was(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    data = {
        "version": 3,
        "author": EXTRACTED.author,
        "partly_read": EXTRACTED.partly_read,
        "segments": [[s.text, s.location] for s in EXTRACTED.segments],
        "title": EXTRACTED.title,
        "first_heading": EXTRACTED.first_heading,
        "keyword_strings": list(EXTRACTED.keyword_strings),
        "facet_values": [list(pair) for pair in EXTRACTED.facet_values],
    }
    path = cache._path(DIGEST)
    path.parent.mkdir(parents=True)
    path.write_bytes(entry_payload(data))
    assert cache.get_versioned(DIGEST) == (EXTRACTED, 3)
    assert cache.get_text(DIGEST) == JoinedText.of(EXTRACTED)


def _entry_with_header(header: dict, text: str) -> bytes:
    return zstandard.compress(json.dumps(header).encode() + b"\n" + text.encode())


@pytest.mark.parametrize(
    "change",
    [
        {"lengths": [3, 100]},  # longer than the text
        {"lengths": [3, 3]},  # shorter
        {"locations": [1]},  # one segment less
        {"version": 3},  # a header line in an entry of one object
    ],
)
def test_an_entry_whose_header_does_not_fit_its_text_is_missing(
    tmp_path: Path, change: dict
) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put(DIGEST, EXTRACTED)
    path = cache._path(DIGEST)
    header, text = zstandard.decompress(path.read_bytes()).decode().split("\n", 1)
    path.write_bytes(_entry_with_header({**json.loads(header), **change}, text))
    assert cache.get(DIGEST) is None
    assert cache.get_text(DIGEST) is None


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"plain bytes",
        zstandard.compress(b"not json"),
        zstandard.compress(b'{"segments": 1}')[:-4],  # cut short
        zstandard.FRAME_HEADER + b"\xff" * 12,  # a frame header no decoder accepts
        zstandard.ZstdCompressor(write_content_size=False).compress(b"{}"),  # size unsaid
    ],
)
def test_bytes_that_are_no_entry_are_missing_not_an_error(tmp_path: Path, payload: bytes) -> None:
    cache = ExtractionCache(tmp_path)
    path = cache._path(DIGEST)
    path.parent.mkdir(parents=True)
    path.write_bytes(payload)
    assert cache.get(DIGEST) is None


def test_an_entry_claiming_more_text_than_any_extraction_is_refused_before_it_is_inflated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = ExtractionCache(tmp_path)
    cache.put(DIGEST, EXTRACTED)
    size = zstandard.frame_content_size(cache._path(DIGEST).read_bytes())
    monkeypatch.setattr(cache_entry, "MAX_ENTRY_BYTES", size)
    assert cache.get(DIGEST) == EXTRACTED
    monkeypatch.setattr(cache_entry, "MAX_ENTRY_BYTES", size - 1)
    assert cache.get(DIGEST) is None
    # A frame whose header claims a gigabyte, and whose text ends at once: never inflated.
    claimed = cache_entry.MAX_ENTRY_BYTES * 4
    stream = zstandard.ZstdCompressor().compressobj(size=claimed)
    head = stream.compress(b"{}") + stream.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)
    assert zstandard.frame_content_size(head) == claimed
    cache._path(DIGEST).write_bytes(head)
    assert cache.get(DIGEST) is None


# Run in a child process: Zstandard's codecs shared between threads crash the interpreter.
_THREADS_AT_ONCE = """
import random, sys, threading
from pathlib import Path
from contentfinder.index.extracted import Extracted, Segment
from contentfinder.index.joined_text import JoinedText
from contentfinder.index.text_cache import ExtractionCache

cache = ExtractionCache(Path(sys.argv[1]))
problems = []

def work(number):
    words = random.Random(number).choices(["close", "audit", "ledger", "müller", "roi"], k=60_000)
    for round_ in range(12):
        digest = f"{number:02d}{round_:02d}" + "0" * 36
        extracted = Extracted(segments=(Segment(" ".join(words[round_:]), 1),))
        cache.put(digest, extracted)
        if cache.get(digest) != extracted:
            problems.append(digest)

threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(problems))
"""


def test_threads_writing_and_reading_entries_at_once_each_get_their_own(tmp_path: Path) -> None:
    # Texts of a few hundred kilobytes: long enough for the codecs to run in two threads at once.
    done = subprocess.run(
        [sys.executable, "-c", _THREADS_AT_ONCE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "0"), done.stderr[-2000:]

"""Browsing by filters alone lists assets by title exactly as Whoosh's sorted search did, from an
order saved beside the index, whatever share of the library the filters let through."""

from __future__ import annotations

import random
from datetime import date

from whoosh import query

from contentfinder.index.schema import open_for_reading
from contentfinder.search.docbits import DocBits
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.search.title_order import SAVED_PREFIX, TitleOrder
from indexer.pipeline import update_index
from tests.factories import write_text

TODAY = date(2026, 12, 1)
TITLES = ["Zeta plan", "alpha brief", "Alpha brief", "Émigré guide", "beta", "Beta", "", "10 tips"]


def note(persona: str, title: str) -> str:
    heading = f"# {title}\n\n" if title else ""
    return f"---\npersona: {persona}\n---\n{heading}Notes on renewals."


def test_a_page_is_the_first_allowed_in_whooshs_title_order(make_library, settings_for) -> None:
    files = {
        f"notes/{n:02d}.md": (lambda p, n=n: write_text(p, note("CFO", TITLES[n % len(TITLES)])))
        for n in range(40)
    }
    settings = settings_for(make_library(files))
    update_index(settings, workers=1)
    write_text(settings.library / "notes/05.md", note("CFO", "Alpha brief"))  # a second segment
    (settings.library / "notes/06.md").unlink()  # and a deleted document
    update_index(settings, workers=1)
    ix = open_for_reading(settings.index_dir)
    with ix.searcher() as searcher:
        live = frozenset(searcher.reader().all_doc_ids())
        order = TitleOrder.read(searcher, live)
        doc_bits = DocBits(searcher.reader().doc_count_all())
        rng = random.Random(7)
        for size in (1, 2, 5, 20, 39):
            for limit in (1, 3, 10):
                allowed = frozenset(rng.sample(sorted(live), size))
                expected = searcher.search(
                    query.Every(), filter=set(allowed), limit=limit, sortedby="title_sort"
                )
                got = order.first(doc_bits.of(allowed), limit, doc_bits)
                assert got == [hit.docnum for hit in expected]
        assert (
            order.first(0, 10, doc_bits) == [] and order.first(doc_bits.of(live), 0, doc_bits) == []
        )


def test_browsing_reads_the_saved_order_and_makes_it_again_when_damaged(
    make_library, settings_for
) -> None:
    library = make_library(
        {
            "b.md": lambda p: write_text(p, note("CFO", "Budget guide")),
            "a.md": lambda p: write_text(p, note("CFO", "Audit checklist")),
            "c.md": lambda p: write_text(p, note("CIO", "Cloud costs")),
        }
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    browse = SearchRequest(text="", filters={"persona": ("CFO",)}, today=TODAY)

    def listed() -> list[str]:
        with SearchSession(settings) as session:
            return [h.id for h in session.search(browse).hits]

    assert listed() == ["a.md", "b.md"]
    [saved] = settings.index_dir.glob(f"{SAVED_PREFIX}*.pickle")
    assert listed() == ["a.md", "b.md"]
    saved.write_bytes(b"\x80\x05junk")
    assert listed() == ["a.md", "b.md"]
    write_text(library / "aa.md", note("CFO", "Account plan"))
    update_index(settings, workers=1)
    assert listed() == ["aa.md", "a.md", "b.md"]  # a new generation, a new order
    assert len(list(settings.index_dir.glob(f"{SAVED_PREFIX}*.pickle"))) == 1


def test_assets_of_one_title_are_listed_by_path_not_by_when_they_were_indexed(
    make_library, settings_for
) -> None:
    library = make_library({"z/brief.md": lambda p: write_text(p, note("CFO", "Solution brief"))})
    settings = settings_for(library)
    update_index(settings, workers=1)
    write_text(library / "a/brief.md", note("CFO", "Solution brief"))  # indexed after z's
    update_index(settings, workers=1)
    with SearchSession(settings) as session:
        browse = SearchRequest(text="", filters={"persona": ("CFO",)}, today=TODAY)
        assert [h.id for h in session.search(browse).hits] == ["a/brief.md", "z/brief.md"]

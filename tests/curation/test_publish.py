"""Publishing into a real library: validation, copies, duplicates, versions and catalog writes
that lose nothing."""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from contentfinder.curation.publish import PublishError, PublishRequest, plan, publish
from contentfinder.library.catalog_lock import LOCK_FILE, catalog_lock
from contentfinder.library.catalog_writer import read_rows, update_catalog
from contentfinder.library.opened import Library
from indexer.pipeline import update_index
from tests.conftest import REPO
from tests.factories import run_cli, write_docx, write_pdf, write_pptx, write_text, write_xlsx

TODAY = date(2026, 11, 23)
TAGS = {"persona": ["chief financial officer"], "stage": ["BOFU"], "pain": ["tco"]}


@pytest.fixture
def settings(make_library, settings_for):
    library = make_library(
        {"Decks/old.txt": lambda p: write_text(p, "Price list 2025. Seats and plans.")},
        catalog="path,title,persona,notes_for_ops\nDecks/old.txt,Old price list,CFO,keep me\n",
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    return settings


def new_file(tmp_path: Path, name: str = "Price list 2026.docx", text: str = "New prices.") -> Path:
    path = tmp_path / "outbox" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    write_docx(path, [text])
    return path


def catalog(library: Path) -> list[dict[str, str]]:
    raw = (library / "catalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_publish_copies_the_file_and_records_canonical_tags(settings, tmp_path: Path) -> None:
    source = new_file(tmp_path)
    [done] = publish(
        Library(settings),
        PublishRequest(
            files=(source,),
            tags=TAGS,
            to="Pricing",
            title="Price list 2026",
            owner="Deal Desk",
            expires="2026-12-31",
        ),
    )
    assert done.asset_id == "Pricing/Price list 2026.docx"
    assert (settings.library / done.asset_id).read_bytes() == source.read_bytes()
    rows = {r["path"]: r for r in catalog(settings.library)}
    new = rows["Pricing/Price list 2026.docx"]
    assert (new["persona"], new["stage"], new["pain"]) == ("CFO", "decision", "cost reduction")
    assert (new["title"], new["owner"], new["expires"]) == (
        "Price list 2026",
        "Deal Desk",
        "2026-12-31",
    )
    assert rows["Decks/old.txt"]["notes_for_ops"] == "keep me"  # a column it does not know


def test_unknown_values_are_refused_with_the_closest_known(settings, tmp_path: Path) -> None:
    with pytest.raises(PublishError) as refused:
        publish(
            Library(settings),
            PublishRequest(
                files=(new_file(tmp_path),), tags={"persona": ["CSIO"], "stage": ["decision"]}
            ),
        )
    messages = [p.message for p in refused.value.problems]
    assert any("unknown persona 'CSIO' — did you mean CISO?" in m for m in messages)
    assert any("pain point is required" in m for m in messages)
    assert not (settings.library / "Documents").exists()  # nothing written
    assert "Price list 2026" not in (settings.library / "catalog.csv").read_text("utf-8-sig")


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.docx", "no such file"),
        (lambda d: written(d / "empty.docx", b""), "the file is empty"),
        (lambda d: written(d / "logo.png", b"png"), "not a format"),
    ],
)
def test_bad_files_are_refused_by_name(settings, tmp_path: Path, make, expected: str) -> None:
    with pytest.raises(PublishError, match=expected):
        plan(Library(settings), PublishRequest(files=(make(tmp_path),), tags=TAGS))


def test_a_folder_outside_the_library_and_a_bad_date_are_refused(settings, tmp_path) -> None:
    with pytest.raises(PublishError) as refused:
        plan(
            Library(settings),
            PublishRequest(
                files=(new_file(tmp_path),), tags=TAGS, to="../elsewhere", expires="31/12/2026"
            ),
        )
    messages = " ".join(p.message for p in refused.value.problems)
    assert "outside the library" in messages and "bad date '31/12/2026'" in messages


def test_content_the_library_has_is_not_copied_again(settings, tmp_path: Path) -> None:
    copy = tmp_path / "old copy.txt"
    copy.write_bytes((settings.library / "Decks/old.txt").read_bytes())
    [done] = publish(Library(settings), PublishRequest(files=(copy,), tags=TAGS))
    assert done.duplicate_of == "Decks/old.txt"
    assert not any(p.name == "old copy.txt" for p in settings.library.rglob("*"))


def test_nothing_is_overwritten(settings, tmp_path: Path) -> None:
    clash = new_file(tmp_path, "old.txt", "")
    clash.unlink()
    write_text(clash, "Different content, same name.")
    with pytest.raises(PublishError, match="exists already"):
        plan(Library(settings), PublishRequest(files=(clash,), tags=TAGS, to="Decks"))


def test_supersedes_expires_the_old_version_today(settings, tmp_path: Path) -> None:
    publish(
        Library(settings),
        PublishRequest(
            files=(new_file(tmp_path),), tags=TAGS, supersedes="Decks/old.txt", today=TODAY
        ),
    )
    rows = {r["path"]: r for r in catalog(settings.library)}
    assert rows["Decks/old.txt"]["expires"] == TODAY.isoformat()
    with pytest.raises(PublishError, match="no asset 'nope.txt' to supersede"):
        plan(
            Library(settings),
            PublishRequest(files=(new_file(tmp_path, "b.docx"),), tags=TAGS, supersedes="nope.txt"),
        )


def _publish_row(library: str, number: int) -> None:
    def add(rows):  # noqa: ANN001, ANN202
        time.sleep(0.01)  # widen the window in which two writers could collide
        rows.set(f"Guides/{number}.md", {"persona": "CFO"})

    update_catalog(Path(library), add)


def test_two_publishers_at_once_lose_no_rows(settings) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        pool.starmap(_publish_row, [(str(settings.library), n) for n in range(24)])
    paths = {r["path"] for r in catalog(settings.library)}
    assert {f"Guides/{n}.md" for n in range(24)} <= paths and "Decks/old.txt" in paths


def test_a_stale_lock_from_a_killed_publisher_is_recovered(settings) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], cwd=REPO)
    (settings.library / LOCK_FILE).write_text(f"{os.uname().nodename} {holder.pid} 0\n")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    with catalog_lock(settings.library, wait=2):
        pass
    assert not (settings.library / LOCK_FILE).exists()


def test_a_kill_while_writing_leaves_the_old_or_the_new_catalog(settings) -> None:
    before = (settings.library / "catalog.csv").read_bytes()
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from contentfinder.library.catalog_writer import update_catalog\n"
        "def slow(rows):\n"
        "    rows.set('Guides/x.md', {'persona': 'CFO'})\n"
        "    print('writing', flush=True); time.sleep(60)\n"
        f"update_catalog(Path({str(settings.library)!r}), slow)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout.readline().strip() == "writing"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
        child.stdout.close()
    assert (settings.library / "catalog.csv").read_bytes() == before
    assert read_rows(settings.library).rows  # still a catalog, read whole
    with catalog_lock(settings.library, wait=2):  # the killed writer's lock is recovered
        pass


def test_the_publish_command(settings, tmp_path: Path) -> None:
    source = new_file(tmp_path, "Case study.docx", "A CFO cut costs. TCO fell. SOC 2 ready.")

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return run_cli(
            "publish", *args, "--library", str(settings.library), "--home", str(settings.home)
        )

    refused = cli(str(source), "--persona", "CSIO", "--stage", "decision", "--pain", "tco")
    assert refused.returncode == 1 and "did you mean CISO?" in refused.stderr
    assert "nothing was published" in refused.stderr and "Traceback" not in refused.stderr
    dry = cli(str(source), "--persona", "CFO", "--stage", "decision", "--pain", "tco", "--dry-run")
    assert dry.returncode == 0 and "Would publish" in dry.stdout
    assert not (settings.library / "Documents" / "Case study.docx").exists()
    suggested = cli(str(source), "--suggest")
    assert suggested.returncode == 0 and "persona: CFO" in suggested.stdout
    done = cli(str(source), "--persona", "CFO", "--stage", "decision", "--pain", "tco")
    assert done.returncode == 0, done.stderr
    assert (settings.library / "Documents" / "Case study.docx").exists()


FORMAT_WRITERS = {
    "deck.pptx": lambda p: write_pptx(p, ["Agenda", "ROI for CFOs"]),
    "sheet.xlsx": lambda p: write_xlsx(p, [["Plan", "Price"], ["Core", 10]]),
    "brief.pdf": lambda p: write_pdf(p, ["A one-page brief."]),
    "notes.md": lambda p: write_text(p, "# Notes\nROI talking points."),
    "page.html": lambda p: write_text(p, "<html><title>Page</title><body>ROI</body></html>"),
    "memo.txt": lambda p: write_text(p, "A memo about total cost."),
    "paper.docx": lambda p: write_docx(p, ["A paper."]),
}
TAG_FORMS = [
    {"persona": ["CFO"], "stage": ["decision"], "pain": ["cost reduction"]},  # canonical
    {"persona": ["chief financial officer"], "stage": ["bofu"], "pain": ["TCO"]},  # synonyms
    {"persona": ["cfo"], "stage": ["DECISION"], "pain": ["Cost  Reduction"]},  # case, spaces
]


@pytest.mark.parametrize("name", sorted(FORMAT_WRITERS))
@pytest.mark.parametrize("form", range(len(TAG_FORMS)))
def test_every_format_with_every_tag_form(settings, tmp_path: Path, name: str, form: int):
    source = tmp_path / "outbox" / name
    source.parent.mkdir()
    FORMAT_WRITERS[name](source)
    [done] = publish(Library(settings), PublishRequest(files=(source,), tags=TAG_FORMS[form]))
    row = {r["path"]: r for r in catalog(settings.library)}[done.asset_id]
    assert (row["persona"], row["stage"], row["pain"]) == ("CFO", "decision", "cost reduction")
    update_index(settings, workers=1)
    from contentfinder.search.session import SearchRequest, search

    hits = search(settings, SearchRequest(filters={"persona": ("CFO",)}, limit=50)).hits
    assert done.asset_id in [h.id for h in hits]  # reps find it by its tags


def test_a_catalog_with_extra_columns_and_odd_quoting_survives_a_publish(
    make_library, settings_for, tmp_path: Path
) -> None:
    odd = (
        'path,title,persona,"Notes, internal",summary\r\n'
        'Decks/a.txt,"Title with ""quotes"", and a comma",CFO,"line one\nline two",\r\n'
        "Decks/b.txt,Ünïcode tïtle,CISO,,  spaced  \r\n"
    )
    library = make_library(
        {
            "Decks/a.txt": lambda p: write_text(p, "A."),
            "Decks/b.txt": lambda p: write_text(p, "B."),
        },
        catalog=odd,
    )
    settings = settings_for(library)
    update_index(settings, workers=1)
    before = list(csv.reader(io.StringIO(odd, newline="")))
    publish(Library(settings), PublishRequest(files=(new_file(tmp_path),), tags=TAGS))
    after = list(
        csv.reader(
            io.StringIO((library / "catalog.csv").read_bytes().decode("utf-8-sig"), newline="")
        )
    )
    assert after[0][: len(before[0])] == before[0]  # the header, extra column included
    for old, new in zip(before[1:], after[1:3], strict=True):
        assert new[: len(old)] == old  # every cell as it was, quotes and newlines too


def test_suggestions_on_a_real_document_give_the_expected_top_value(tmp_path: Path) -> None:
    from contentfinder.config import Settings
    from contentfinder.curation.proposals import suggest_tags
    from indexer.extract import extract_file
    from tests.conftest import SAMPLE_LIBRARY

    settings = Settings(library=SAMPLE_LIBRARY, home=tmp_path / "home")
    update_index(settings, workers=1)
    paper = SAMPLE_LIBRARY / "Security" / "Security and Compliance Whitepaper.pdf"
    text = " ".join(s.text for s in extract_file(paper).segments)
    proposals = suggest_tags(Library(settings), text)
    first = {}
    for proposal in proposals:
        first.setdefault(proposal.facet, proposal)
    assert first["persona"].value == "CISO"
    assert first["pain"].value in ("security compliance", "audit readiness", "data privacy")
    assert all(p.reason for p in proposals)


def test_planning_and_proposals_use_the_taxonomy_the_library_loaded(settings, tmp_path) -> None:
    from contentfinder.curation.proposals import suggest_tags
    from contentfinder.curation.publish import indexed_assets

    library = Library(settings)
    assert library.taxonomy.facet("persona") is not None
    # Read again, this file would fail every call below: none may read it again.
    (settings.library / "taxonomy.toml").write_text("[facets", encoding="utf-8")
    [planned] = plan(library, PublishRequest(files=(new_file(tmp_path),), tags=TAGS))
    assert planned.tags["persona"] == ("CFO",)
    assert indexed_assets(library) == ["Decks/old.txt"]
    assert any(s.facet == "persona" for s in suggest_tags(library, "A CFO cut costs."))

"""Marketing's reports, from usage events joined with the current index: what goes unused
(and whether reps ever saw it), what is used most, what reps searched for and did not find,
which persona × stage cells have content, and which assets are missing tags.

Privacy: no row or cell built from fewer than `MIN_REPS` reps' events is shown.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from contentfinder.config import Settings
from contentfinder.index.schema import open_for_reading
from contentfinder.index.stored import StoredAsset as Asset
from contentfinder.index.stored import decode_stored, read_stored_assets
from contentfinder.library.tag_matching import NearMatcher, mentioned_value
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy
from contentfinder.reports.model import Chart, Report, Table
from contentfinder.search.session import SearchRequest, SearchSession
from contentfinder.text import fold
from contentfinder.usage.store import EventRecord, LoadedEvents

KINDS = ("unused", "top", "gaps", "coverage", "tagging")
MIN_REPS = 3  # the smallest group of reps a report may show
USE_KINDS = ("open", "preview", "copy", "share")
SHOWN_DEPTH = 10  # an asset "surfaced" for a search when it was on its first page
GAP_FOLLOW_UP = timedelta(minutes=10)  # a search with no use of a result this soon is a gap
MAX_REPLAYED_SEARCHES = 2000


def build_report(
    kind: str,
    settings: Settings,
    loaded: LoadedEvents,
    *,
    days: int = 90,
    today: date | None = None,
) -> Report:
    if kind not in KINDS:
        raise ValueError(f"unknown report '{kind}'; reports: {', '.join(KINDS)}")
    today = today or date.today()
    start = datetime.combine(today - timedelta(days=days), datetime.min.time(), tzinfo=UTC)
    events = [e for e in loaded.events if e.occurred_at >= start]
    taxonomy = load_taxonomy(settings.library)
    assets = read_assets(settings, taxonomy)
    period = f"{days} days to {today.isoformat()}, from {loaded.source}"
    notes = [f"{len(events)} events in the period."]
    if loaded.problems:
        notes.append(f"{len(loaded.problems)} unreadable entries in the store were skipped.")
    builders = {
        "unused": _unused,
        "top": _top,
        "gaps": _gaps,
        "coverage": _coverage,
        "tagging": _tagging,
    }
    title, tables, more = builders[kind](settings, taxonomy, assets, events, today)
    return Report(
        kind=kind,
        title=title,
        period=period,
        generated_at=datetime.now(UTC),
        tables=tuple(tables),
        notes=tuple(notes + more),
    )


def read_assets(settings: Settings, taxonomy: Taxonomy) -> dict[str, Asset]:
    index = open_for_reading(settings.index_dir)
    with index.searcher() as searcher:
        return {asset.id: asset for asset in read_stored_assets(searcher, taxonomy)}


def _current(assets: dict[str, Asset], today: date) -> list[Asset]:
    return [a for a in assets.values() if a.expires is None or a.expires >= today]


def _uses(events: Iterable[EventRecord]) -> dict[str, list[EventRecord]]:
    used: dict[str, list[EventRecord]] = defaultdict(list)
    for event in events:
        if event.kind in USE_KINDS and event.asset_id:
            used[event.asset_id].append(event)
    return used


def _enough_reps(events: Iterable[EventRecord]) -> bool:
    return len({e.user_id for e in events}) >= MIN_REPS


def _small_group_note(hidden: int) -> list[str]:
    if not hidden:
        return []
    return [f"{hidden} rows built from fewer than {MIN_REPS} reps are not shown (privacy)."]


# -- unused ------------------------------------------------------------------------------------


def _unused(settings, taxonomy, assets, events, today):  # noqa: ANN001, ANN202
    used = _uses(events)
    shown = _times_shown(settings, events, today)
    rows = []
    for asset in sorted(_current(assets, today), key=lambda a: a.title.casefold()):
        if asset.id in used:
            continue
        age = (today - asset.modified).days if asset.modified else None
        times = shown.get(asset.id, 0)
        verdict = "surfaced, not used" if times else "never surfaced"
        rows.append(
            (
                asset.title,
                asset.id,
                asset.owner,
                age,
                ", ".join(asset.tags.get("persona", ())),
                ", ".join(asset.tags.get("stage", ())),
                ", ".join(asset.tags.get("pain", ())),
                times,
                verdict,
            )
        )
    verdicts = Counter(row[-1] for row in rows)
    summary = Table(
        name="Summary",
        columns=("What happened", "Assets"),
        rows=(
            ("never surfaced (a findability or tagging problem)", verdicts["never surfaced"]),
            ("surfaced, not used (a content problem)", verdicts["surfaced, not used"]),
            ("used", len(_current(assets, today)) - len(rows)),
        ),
        chart=Chart(title="Current assets", label_column=0, value_columns=(1,)),
    )
    detail = Table(
        name="Unused assets",
        columns=(
            "Title",
            "Asset",
            "Owner",
            "Age (days)",
            "Persona",
            "Stage",
            "Pain",
            f"Times shown (top {SHOWN_DEPTH} of reps' searches)",
            "Verdict",
        ),
        rows=tuple(rows),
        note="No open, preview, copy or share in the period. Shown: on the first page when "
        "reps' searches of the period are run again on today's index.",
    )
    return "Content nobody used", [summary, detail], []


def _times_shown(settings: Settings, events: Sequence[EventRecord], today: date) -> Counter:
    """How often each asset is on the first page of the searches reps made, replayed on the
    current index (events record what was searched, not what was shown)."""
    searches = Counter(
        (e.query or "", tuple(sorted((k, v) for k, v in e.filters.items())))
        for e in events
        if e.kind == "search"
    )
    shown: Counter = Counter()
    with SearchSession(settings) as session:
        for (query, filters), times in searches.most_common(MAX_REPLAYED_SEARCHES):
            if query.startswith("sha256:"):
                continue  # sent redacted: cannot be replayed
            try:
                results = session.search(
                    SearchRequest(text=query, filters=dict(filters), limit=SHOWN_DEPTH, today=today)
                )
            except ValueError:
                continue  # a filter value the taxonomy no longer has
            for hit in results.hits:
                shown[hit.id] += times
    return shown


# -- top ---------------------------------------------------------------------------------------


def _top(settings, taxonomy, assets, events, today):  # noqa: ANN001, ANN202
    used = _uses(events)
    hidden = 0
    ranked = []
    for asset_id, uses in used.items():
        if not _enough_reps(uses):
            hidden += 1
            continue
        kinds = Counter(e.kind for e in uses)
        asset = assets.get(asset_id)
        ranked.append(
            (
                asset.title if asset else asset_id,
                asset_id,
                len(uses),
                kinds["open"],
                kinds["preview"],
                kinds["copy"] + kinds["share"],
                len({e.user_id for e in uses}),
            )
        )
    ranked.sort(key=lambda r: (-r[2], r[0].casefold()))
    columns = ("Title", "Asset", "Uses", "Opens", "Previews", "Sent (copied or dragged)", "Reps")
    tables = [
        Table(
            name="Top assets",
            columns=columns,
            rows=tuple(ranked[:50]),
            chart=Chart(title="Most used assets", label_column=0, value_columns=(2,)),
        )
    ]
    for facet_name in ("persona", "stage"):
        facet = taxonomy.facet(facet_name)
        if facet is None:
            continue
        rows = []
        for value in facet.values:
            best = [
                r
                for r in ranked
                if value.name in assets.get(r[1], _NO_ASSET).tags.get(facet_name, ())
            ][:5]
            rows.extend((value.name, rank, r[0], r[2]) for rank, r in enumerate(best, start=1))
        tables.append(
            Table(
                name=f"Top by {facet.label.lower()}",
                columns=(facet.label, "Rank", "Title", "Uses"),
                rows=tuple(rows),
            )
        )
    return "Most used content", tables, _small_group_note(hidden)


_NO_ASSET = decode_stored({"id": ""}, None)


# -- gaps --------------------------------------------------------------------------------------


def _gaps(settings, taxonomy, assets, events, today):  # noqa: ANN001, ANN202
    from contentfinder.index.schema import analyze_text

    uses_by_device: dict[str, list[datetime]] = defaultdict(list)
    for event in events:
        if event.kind in USE_KINDS:
            uses_by_device[event.device_id].append(event.occurred_at)
    groups: dict[str, list[EventRecord]] = defaultdict(list)
    spelled: dict[str, Counter] = defaultdict(Counter)
    for event in events:
        if event.kind not in ("search", "feedback") or not (event.query or "").strip():
            continue
        terms = sorted({t.decode() for t, *_ in analyze_text(event.query or "").items})
        key = " ".join(terms) or (event.query or "").casefold().strip()
        groups[key].append(event)
        spelled[key][" ".join((event.query or "").split())] += 1
    rows, hidden = [], 0
    for key, group in groups.items():
        searches = [e for e in group if e.kind == "search"]
        feedback = [e for e in group if e.kind == "feedback"]
        zero = sum(1 for e in searches if e.hit_count == 0)
        unused = sum(
            1
            for e in searches
            if e.hit_count
            and not any(
                e.occurred_at <= t <= e.occurred_at + GAP_FOLLOW_UP
                for t in uses_by_device[e.device_id]
            )
        )
        if not (zero or unused or feedback):
            continue
        if not _enough_reps(group):
            hidden += 1
            continue
        filters = Counter(
            "; ".join(f"{k}: {', '.join(v)}" for k, v in sorted(e.filters.items())) or "none"
            for e in group
        )
        messages = sorted({str((e.detail or {}).get("message", "")) for e in feedback} - {""})
        rows.append(
            (
                spelled[key].most_common(1)[0][0],
                len(searches),
                zero,
                unused,
                len(feedback),
                len({e.user_id for e in group}),
                filters.most_common(1)[0][0],
                "; ".join(messages),
            )
        )
    rows.sort(key=lambda r: (-(r[2] + r[3] + r[4]), r[0].casefold()))
    table = Table(
        name="Content gaps",
        columns=(
            "Search (most common form)",
            "Searches",
            "Found nothing",
            "Nothing used",
            "Told marketing",
            "Reps",
            "Filters most used",
            "What reps said",
        ),
        rows=tuple(rows),
        chart=Chart(
            title="Searches that found nothing useful", label_column=0, value_columns=(2, 3)
        ),
        note=f"Grouped ignoring case, word order and word endings. 'Nothing used': no asset "
        f"opened, previewed, copied or sent within {GAP_FOLLOW_UP.seconds // 60} minutes.",
    )
    return "Content gaps: what reps looked for and did not find", [table], _small_group_note(hidden)


# -- coverage ----------------------------------------------------------------------------------


def _coverage(settings, taxonomy, assets, events, today):  # noqa: ANN001, ANN202
    current = _current(assets, today)
    used = _uses(events)
    tables = []
    for across in ("persona", "pain"):
        rows_facet, stage = taxonomy.facet(across), taxonomy.facet("stage")
        if rows_facet is None or stage is None:
            continue
        stages = [v.name for v in stage.values]
        content_rows, usage_rows = [], []
        for value in rows_facet.values:
            counts, uses = [], []
            for stage_name in stages:
                cell = [
                    a
                    for a in current
                    if value.name in a.tags.get(across, ())
                    and stage_name in a.tags.get("stage", ())
                ]
                counts.append(len(cell))
                cell_uses = [e for a in cell for e in used.get(a.id, ())]
                uses.append(len(cell_uses) if _enough_reps(cell_uses) or not cell_uses else None)
            content_rows.append((value.name, *counts))
            usage_rows.append((value.name, *uses))
        label = rows_facet.label
        tables.append(
            Table(
                name=f"{label} x stage: assets",
                columns=(label, *stages),
                rows=tuple(content_rows),
                heatmap=True,
                note="Current (not expired) assets per cell; empty cells are gaps to fill.",
            )
        )
        tables.append(
            Table(
                name=f"{label} x stage: uses",
                columns=(label, *stages),
                rows=tuple(usage_rows),
                heatmap=True,
                note=f"Opens, previews, copies and shares; blank: fewer than {MIN_REPS} reps.",
            )
        )
    return "Coverage: persona and pain point by funnel stage", tables, []


# -- tagging -----------------------------------------------------------------------------------


def _tagging(settings, taxonomy, assets, events, today):  # noqa: ANN001, ANN202
    from contentfinder.library.catalog import load_catalog

    required = [f for f in taxonomy.facets if f.required]
    rows = []
    with SearchSession(settings) as session:
        for asset in sorted(assets.values(), key=lambda a: a.title.casefold()):
            missing = [f for f in required if not asset.tags.get(f.name)]
            if not missing:
                continue
            try:
                similar = session.similar(asset.id, limit=5, today=today)
            except LookupError:
                similar = []
            words = fold(session.text_of(asset.id))
            for facet in missing:
                rows.append(
                    (
                        asset.title,
                        asset.id,
                        facet.label,
                        *mentioned_value(facet, words),
                        *_from_similar(facet.name, similar),
                    )
                )
    tables = [
        Table(
            name="Missing tags",
            columns=(
                "Title",
                "Asset",
                "Missing",
                "From its text",
                "Why",
                "From similar assets",
                "Why (similar)",
            ),
            rows=tuple(rows),
            note="Suggestions are proposals; nothing is tagged without marketing's choice.",
        )
    ]
    near = _near_misses(taxonomy, assets.values())
    if near:
        tables.append(
            Table(
                name="Unknown tag values",
                columns=("Title", "Asset", "Tag as written", "Did you mean"),
                rows=tuple(near),
                note="Tags no facet knows that are a letter or two from a value that it does: "
                "most likely a typo in the file's properties or in catalog.csv.",
            )
        )
    if settings.library is not None:
        problems = load_catalog(settings.library, taxonomy).problems
        if problems:
            tables.append(
                Table(
                    name="Catalog problems",
                    columns=("catalog.csv row", "Problem"),
                    rows=tuple((p.row, p.message) for p in problems),
                    note="Unknown values, missing files and bad dates in catalog.csv.",
                )
            )
    return "Tagging gaps", tables, []


def _near_misses(taxonomy: Taxonomy, assets: Iterable[Asset]) -> list[tuple[str, ...]]:
    matcher = NearMatcher(taxonomy)
    rows = []
    for asset in sorted(assets, key=lambda a: a.title.casefold()):
        for tag in asset.free_tags:
            if len(fold(tag)) >= 3 and (term := matcher.closest(tag)) is not None:
                rows.append((asset.title, asset.id, tag, f"{term.facet}: {term.value}"))
    return rows


def _from_similar(facet_name: str, similar) -> tuple[str, str]:  # noqa: ANN001
    votes = Counter(value for like in similar for value in like.hit.tags.get(facet_name, ()))
    if not votes:
        return "", ""
    value, count = votes.most_common(1)[0]
    source = next(like.hit.title for like in similar if value in like.hit.tags.get(facet_name, ()))
    return value, f"{count} of the {len(similar)} most similar assets, e.g. {source}"

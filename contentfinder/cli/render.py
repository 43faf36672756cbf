"""Output for people: search results with snippets in bold, the index summary, and the lines
publish, sync and the tag proposals print. The services return data; this is how a terminal
shows it. (Scripts get `--json`, written by each command from the data's own `to_json`.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from contentfinder.library.formats import kind_named

if TYPE_CHECKING:  # each only for the command that shows it
    from contentfinder.curation.health import LintReport
    from contentfinder.curation.proposals import Suggestion
    from contentfinder.curation.publish import Planned
    from contentfinder.search.results import SearchResults
    from contentfinder.usage.sync import SyncResult
    from indexer.pipeline import IndexSummary

_BOLD = re.compile(r"<b>(.*?)</b>", re.S)
_UNSUPPORTED_SHOWN = 10
_PROGRESS_NAME_WIDTH = 40
CLEAR_LINE = "\r\033[K"  # back to the start of the line, and wipe it


def write_json(data: object, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- search --------------------------------------------------------------------------------------


def write_results(results: SearchResults, out: TextIO) -> None:
    color = out.isatty()
    if results.missing:
        out.write(f"No asset mentions {quoted_words(results.missing)}, however spelled.\n")
    if results.total == 0:
        out.write(f"No assets match '{results.query}'.\n")
        return
    if results.corrected:
        out.write(f"Showing results for: {results.corrected}\n")
    out.write(count_line(results) + "\n\n")
    divided = False
    for rank, hit in enumerate(results.hits, start=1):
        if not hit.full and not divided:
            out.write(partial_divider(results) + "\n\n")
            divided = True
        flag = " [EXPIRED]" if hit.expired else " [expires soon]" if hit.expiring_soon else ""
        out.write(f"{rank:>2}. {bold(hit.title, color)}{flag}\n    {hit.id}\n")
        tags = tags_text(hit.tags)
        if tags:
            out.write(f"    {tags}\n")
        if hit.snippet:
            unit = kind_named(hit.kind).location_word
            where = f"({unit} {hit.location}) " if hit.location else ""
            out.write(f"    {where}{snippet_text(hit.snippet, color)}\n")
        why = hit.explain()
        if why:
            out.write(f"    matched: {why}\n")
        lacks = [w for w in hit.missing if w not in results.missing]
        if lacks:
            out.write(f"    missing: {', '.join(lacks)}\n")
        out.write("\n")
    facet_lines = [
        f"  {facet}: " + ", ".join(f"{v} ({n})" for v, n in counts.items() if n)
        for facet, counts in results.facets.items()
        if any(counts.values())
    ]
    if facet_lines:
        out.write("Refine by:\n" + "\n".join(facet_lines) + "\n")


def count_line(results: SearchResults) -> str:
    """'12 assets (showing 10)'; with partial matches, how many are full: '28 assets, 3 full
    matches (showing 10)'."""
    total, shown = results.total, len(results.hits)
    text = f"{total} asset{'s' if total != 1 else ''}"
    if results.full_total < total:
        full = results.full_total
        text += f", {full or 'no'} full match{'es' if full > 1 else ''}"
    return text + (f" (showing {shown})" if shown < total else "")


def partial_divider(results: SearchResults) -> str:
    """The line above the first partial match: 'Partial matches — missing: dental'."""
    if results.missing and not results.full_result:
        return f"── Partial matches — missing: {', '.join(results.missing)} ──"
    return "── Partial matches: each has some of the words, not all ──"


def quoted_words(words: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def snippet_text(html: str, color: bool) -> str:
    """A snippet's <b>matches</b> in bold on a terminal, «between guillemets» elsewhere."""
    marked = _BOLD.sub(lambda m: bold(m.group(1), color) if color else f"«{m.group(1)}»", html)
    return unescape(" ".join(marked.split()))


def bold(text: str, color: bool) -> str:
    return f"\033[1m{text}\033[0m" if color else text


def tags_text(tags: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(f"{facet}: {', '.join(values)}" for facet, values in tags.items())


# --- index ---------------------------------------------------------------------------------------


def write_index_summary(summary: IndexSummary, folder: Path | None, out: TextIO) -> None:
    out.write(
        f"Indexed {folder} in {summary.seconds:.1f} s: {summary.added} added, "
        f"{summary.updated} updated, {summary.removed} removed, {summary.unchanged} unchanged, "
        f"{len(summary.failed)} failed.\n"
    )
    if summary.failed:
        out.write("Could not index:\n")
        for asset_id, reason in summary.failed:
            out.write(f"  {asset_id}: {reason}\n")
    for asset_id, reason in summary.partly_read:
        out.write(f"partly read: {asset_id}: {reason}\n")
    if summary.unsupported:
        shown = ", ".join(summary.unsupported[:_UNSUPPORTED_SHOWN])
        more = " …" if len(summary.unsupported) > _UNSUPPORTED_SHOWN else ""
        out.write(f"Not supported ({len(summary.unsupported)}): {shown}{more}\n")


def progress_bar(done: int, total: int, asset_id: str) -> str:
    """One line that redraws itself on a terminal."""
    width = _PROGRESS_NAME_WIDTH
    name = asset_id if len(asset_id) <= width else "…" + asset_id[-width + 1 :]
    return f"{CLEAR_LINE}Indexing {done}/{total}  {name}"


# --- publish -------------------------------------------------------------------------------------


def publish_lines(done: Iterable[Planned], *, dry_run: bool, supersedes: str) -> list[str]:
    verb = "Would publish" if dry_run else "Published"
    lines = []
    for item in done:
        if item.duplicate_of:
            kept = f"already in the library as {item.duplicate_of}; not copied"
            lines.append(f"{item.source}: {kept}")
        else:
            lines.append(f"{verb} {item.source} as {item.asset_id} ({tags_text(item.tags)})")
    if supersedes and not dry_run:
        lines.append(f"{supersedes} expires today; reps see the new version")
    return lines


def suggestion_lines(path: Path, suggestions: Iterable[Suggestion]) -> list[str]:
    return [
        f"{path} — proposals, nothing is tagged without your choice:",
        *(f"  {s.facet}: {s.value}  ({s.reason})" for s in suggestions),
    ]


# --- sync ----------------------------------------------------------------------------------------


def sync_json(result: SyncResult) -> dict[str, object]:
    return {
        "target": result.target,
        "sent": result.sent,
        "batches": result.batches,
        "waiting": result.waiting,
        "seconds": round(result.seconds, 3),
    }


def sync_line(result: SyncResult) -> str:
    return f"Sent {result.sent} new events to {result.target} in {result.seconds:.1f} s."


# --- lint ----------------------------------------------------------------------------------------


def lint_text(report: LintReport) -> str:
    """Library health for a terminal: each check with its findings, then the counts."""
    from contentfinder.curation.health import CHECK_LABELS, ERROR, WARNING, counts_text

    lines: list[str] = []
    for check, found in report.grouped().items():
        errors = sum(1 for f in found if f.severity == ERROR)
        lines.append(
            f"{CHECK_LABELS.get(check, check)}: {counts_text(errors, len(found) - errors)}"
        )
        mixed = 0 < errors < len(found)
        for finding in found:
            marker = " [warning]" if mixed and finding.severity == WARNING else ""
            where = f"{finding.where}: " if finding.where else ""
            lines.append(f"  {where}{finding.message}{marker}")
        lines.append("")
    took = f"{report.assets} assets checked in {report.seconds:.2f} s"
    if report.findings:
        lines.append(f"{counts_text(report.errors, report.warnings)}; {took}.")
    else:
        lines.append(f"No problems found; {took}.")
    return "\n".join(lines)

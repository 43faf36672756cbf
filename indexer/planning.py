"""What an index run must do: the library's scan set against what the index holds.

Nearly every file of a large library is unchanged (same size, time and tags), so that case is
decided first; a file that failed and has not changed since is not retried.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contentfinder.index.indexed_files import IndexedFile
from contentfinder.library.catalog import Catalog
from contentfinder.library.scan import AssetFile, LibraryScan
from contentfinder.library.taxonomy import Taxonomy
from indexer.documents import tag_fingerprint
from indexer.workers import Job


@dataclass
class Plan:
    """What a run must do, file by file, to bring the index up to the library."""

    jobs: list[Job] = field(default_factory=list)
    retag: list[tuple[AssetFile, str]] = field(default_factory=list)  # (asset, known hash)
    delete: list[str] = field(default_factory=list)
    still_failing: dict[str, dict[str, object]] = field(default_factory=dict)
    unchanged: int = 0


def tag_fingerprints(scan: LibraryScan, catalog: Catalog, taxonomy: Taxonomy) -> dict[str, str]:
    """asset id -> tag fingerprint. Most assets have no catalog entry, and they all share one."""
    untagged = tag_fingerprint(taxonomy, None)
    entries = catalog.entries
    return {
        asset_id: tag_fingerprint(taxonomy, entry.fingerprint) if entry else untagged
        for asset_id in scan.assets
        for entry in [entries.get(asset_id)]
    }


def plan_run(
    scan: LibraryScan,
    stored: dict[str, IndexedFile],
    failures: dict[str, dict[str, object]],
    fingerprints: dict[str, str],
) -> Plan:
    plan = Plan()
    plan.delete = sorted(set(stored) - set(scan.assets))
    unchanged = 0
    for asset_id, asset in scan.assets.items():
        known = stored.get(asset_id)
        same_file = (
            known is not None and known.size == asset.size and known.mtime_ns == asset.mtime_ns
        )
        if same_file and known.tag_fingerprint == fingerprints[asset_id]:
            unchanged += 1  # nearly every file of a large library: decided first, and fast
            continue
        failure = failures.get(asset_id)
        if (
            known is None
            and failure is not None
            and (failure.get("size"), failure.get("mtime_ns")) == (asset.size, asset.mtime_ns)
        ):
            plan.still_failing[asset_id] = failure  # unchanged since it failed: not retried
        elif known is None:
            plan.jobs.append(Job(asset_id, asset.path))
        elif not same_file:
            # Changed size or time; when the hash says the content is the same, only the stored
            # time changes, but the document is rewritten whole, so the worker sends the text.
            plan.jobs.append(Job(asset_id, asset.path, known.content_hash, needs_text=True))
        else:  # the same file, tagged otherwise since
            plan.retag.append((asset, known.content_hash))
    plan.unchanged = unchanged
    return plan

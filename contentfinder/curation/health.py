"""The library health check (`contentfinder lint`): what marketing ops must fix (missing or
unknown tags, broken catalog rows, unreadable files) and what deserves a look (names a Windows
laptop cannot open, duplicates, expired and expiring assets, terms two facets claim).

It reads the index, `catalog.csv`, `taxonomy.toml` and the indexer's record of failed files,
and lists the library's files without opening them: no document is read, so a check of
thousands of assets takes a second or two.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from contentfinder.deals.mapping import (
    DEALS_FILE,
    DealMappingError,
    crm_field_name,
    load_deal_mapping,
)
from contentfinder.index.failures import load_failures
from contentfinder.index.stored import EXPIRING_SOON_DAYS, StoredAsset, read_stored_assets
from contentfinder.library.catalog import CATALOG_FILE, Catalog, CatalogProblem, ProblemCode
from contentfinder.library.opened import Library
from contentfinder.library.scan import LibraryScan, scan_library
from contentfinder.library.tag_matching import NearMatcher
from contentfinder.library.taxonomy import Facet, Taxonomy
from contentfinder.portability.names import case_collisions, windows_path_problems
from contentfinder.text import fold

ERROR, WARNING = "error", "warning"
# The order findings are shown in: what stops an asset being found first.
CHECK_LABELS = {
    "unreadable": "Unreadable files",
    "windows-names": "Names Windows cannot open",
    "catalog-row": "Broken catalog rows",
    "unknown-value": "Unknown tag values",
    "missing-required": "Missing required tags",
    "duplicate-content": "Duplicate content",
    "expired": "Expired assets",
    "expiring-soon": f"Expiring within {EXPIRING_SOON_DAYS} days",
    "ambiguous-synonym": "Terms two facets claim",
    "deal-mapping": "A deals.toml that cannot be used",
    "unmapped-deal-value": "CRM values deals.toml does not map",
}
CHECKS = tuple(CHECK_LABELS)
# A shorter free tag is as likely an abbreviation as a typo ('seo' is one letter from 'ceo').
MIN_TYPO_LENGTH = 4
WINDOWS_CONSEQUENCE = "; a Windows laptop cannot open it"
MAX_LISTED_VALUES = 12  # an unknown catalog value names the facet's values when it has so few


@dataclass(frozen=True)
class Finding:
    check: str  # one of CHECKS
    severity: str  # ERROR or WARNING
    asset_id: str | None
    row: int | None  # catalog.csv row number when the finding is about a catalog row
    message: str  # what is wrong and why, e.g. "unknown persona 'CSIO' (did you mean CISO?)"

    @property
    def where(self) -> str:
        if self.row is not None:
            return f"{CATALOG_FILE} row {self.row}"
        return self.asset_id or ""


@dataclass(frozen=True)
class LintReport:
    findings: tuple[Finding, ...]
    assets: int  # indexed assets checked
    seconds: float

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == WARNING)

    def grouped(self) -> dict[str, list[Finding]]:
        """Findings by check, in the order of CHECKS; checks without findings are left out."""
        groups: dict[str, list[Finding]] = {check: [] for check in CHECKS}
        for finding in self.findings:
            groups.setdefault(finding.check, []).append(finding)
        return {check: found for check, found in groups.items() if found}

    def to_json(self) -> dict[str, object]:
        """Every check is a key, with an empty list when it found nothing, so scripts can rely
        on the shape."""
        grouped = self.grouped()
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "assets": self.assets,
            "seconds": round(self.seconds, 3),
            "checks": {
                check: [
                    {
                        "severity": f.severity,
                        "asset_id": f.asset_id,
                        "row": f.row,
                        "message": f.message,
                    }
                    for f in grouped.get(check, [])
                ]
                for check in CHECKS
            },
        }


def lint_library(library: Library, *, today: date | None = None) -> LintReport:
    """Check the library and its index. Raises LibraryError, TaxonomyError or IndexUnavailable
    (no index yet) for the caller to show."""
    started = time.perf_counter()
    today = today or date.today()
    root, taxonomy, index = library.root, library.taxonomy, library.index
    scan = scan_library(root)
    row_ids = {entry.row: entry.asset_id for entry in library.catalog.entries.values()}
    catalog = library.catalog.checked_against(set(scan.assets))
    # An asset deleted since the last index run is not the library's problem any more.
    with index.searcher() as searcher:
        assets = [a for a in read_stored_assets(searcher, taxonomy) if a.id in scan.assets]
    matcher = NearMatcher(taxonomy)

    findings = [
        *_unreadable(library.settings.index_dir, scan),
        *_windows_names(root, scan),
        *_catalog_problems(catalog.problems, row_ids, taxonomy, matcher),
        *_unknown_free_tags(assets, catalog, matcher),
        *_missing_required(assets, taxonomy),
        *_duplicates(assets),
        *_expiry(assets, today),
        *_ambiguous(taxonomy),
        *_deal_mapping(library),
    ]
    order = {check: place for place, check in enumerate(CHECKS)}
    findings.sort(
        key=lambda f: (order[f.check], f.row is None, f.row or 0, f.asset_id or "", f.message)
    )
    return LintReport(
        findings=tuple(findings), assets=len(assets), seconds=time.perf_counter() - started
    )


# -- reading -----------------------------------------------------------------------------------


# -- the checks --------------------------------------------------------------------------------


def _unreadable(index_dir: Path, scan: LibraryScan) -> list[Finding]:
    findings = [
        Finding("unreadable", ERROR, asset_id, None, why) for asset_id, why in scan.unreadable
    ]
    for asset_id, failure in load_failures(index_dir).items():
        asset = scan.assets.get(asset_id)
        if asset is None or not isinstance(failure, dict):
            continue  # removed since: nothing left to fix
        message = str(failure.get("reason") or "could not be read")
        if (failure.get("size"), failure.get("mtime_ns")) != (asset.size, asset.mtime_ns):
            message += " (changed since; the next 'contentfinder index' tries it again)"
        findings.append(Finding("unreadable", ERROR, asset_id, None, message))
    return findings


def _windows_names(root: Path, scan: LibraryScan) -> list[Finding]:
    """Names the share allows and a Windows laptop cannot open (or, differing only in case,
    sees as one file): found and searched, but a Windows rep's viewer cannot have them."""
    findings = [
        Finding("windows-names", WARNING, asset_id, None, "; ".join(problems) + WINDOWS_CONSEQUENCE)
        for asset_id in scan.assets
        if (problems := windows_path_problems(asset_id, library=str(root)))
    ]
    for group in case_collisions(scan.assets):
        names = " and ".join(f"'{asset_id}'" for asset_id in group)
        for asset_id in group:
            findings.append(
                Finding(
                    "windows-names",
                    WARNING,
                    asset_id,
                    None,
                    f"{names} differ only in case; Windows and macOS show one of them",
                )
            )
    return findings


def _catalog_problems(
    problems: list[CatalogProblem],
    row_ids: dict[int, str],
    taxonomy: Taxonomy,
    matcher: NearMatcher,
) -> list[Finding]:
    findings = []
    for problem in problems:
        row = problem.row or None  # row 0: the file as a whole
        asset_id = row_ids.get(problem.row)
        facet = taxonomy.facet(problem.facet) if problem.code is ProblemCode.UNKNOWN_VALUE else None
        if facet is not None:
            message = _unknown_catalog_value(facet, problem.value, taxonomy, matcher)
            findings.append(Finding("unknown-value", ERROR, asset_id, row, message))
            continue
        severity = WARNING if problem.advisory else ERROR
        message = problem.message if row is not None else f"{CATALOG_FILE}: {problem.message}"
        findings.append(Finding("catalog-row", severity, asset_id, row, message))
    return findings


def _unknown_catalog_value(facet: Facet, raw: str, taxonomy: Taxonomy, matcher: NearMatcher) -> str:
    message = f"unknown {facet.name} '{raw}'"
    near = matcher.closest(raw, facet=facet.name)
    if near is not None:
        return f"{message} (did you mean {near.describe(with_facet=False)}?)"
    elsewhere = [name for name, _ in taxonomy.facets_knowing(raw)]
    if elsewhere:
        return f"{message} (a value of {' and '.join(elsewhere)}, not of {facet.name})"
    if len(facet.values) <= MAX_LISTED_VALUES:
        return f"{message} (known: {', '.join(v.name for v in facet.values)})"
    return message


def _unknown_free_tags(
    assets: list[StoredAsset], catalog: Catalog, matcher: NearMatcher
) -> list[Finding]:
    """Free tags a letter or two from a known value: most likely a typo in the file's
    properties, which leaves the asset out of that facet."""
    findings = []
    for asset in assets:
        entry = catalog.entries.get(asset.id)
        # Unknown catalog cells become free tags too; their row is reported already.
        reported = {fold(v) for v in entry.unknown_values} if entry else set()
        for tag in asset.free_tags:
            folded = fold(tag)
            if len(folded) < MIN_TYPO_LENGTH or folded in reported:
                continue
            near = matcher.closest(tag)
            if near is not None:
                message = f"unknown value '{tag}' (did you mean {near.describe(with_facet=True)}?)"
                findings.append(Finding("unknown-value", ERROR, asset.id, None, message))
    return findings


def _missing_required(assets: list[StoredAsset], taxonomy: Taxonomy) -> list[Finding]:
    required = [facet.name for facet in taxonomy.facets if facet.required]
    findings = []
    for asset in assets:
        missing = [name for name in required if name not in asset.tags]
        if missing:
            message = f"missing {', '.join(missing)}"
            findings.append(Finding("missing-required", ERROR, asset.id, None, message))
    return findings


def _duplicates(assets: list[StoredAsset]) -> list[Finding]:
    by_hash: dict[str, list[str]] = defaultdict(list)
    for asset in assets:
        if asset.content_hash:
            by_hash[asset.content_hash].append(asset.id)
    findings = []
    for ids in by_hash.values():
        if len(ids) > 1:
            ids.sort()
            message = f"same content in {len(ids)} files: {', '.join(ids)}"
            findings.append(Finding("duplicate-content", WARNING, ids[0], None, message))
    return findings


def _expiry(assets: list[StoredAsset], today: date) -> list[Finding]:
    soon = today + timedelta(days=EXPIRING_SOON_DAYS)
    findings = []
    for asset in assets:
        try:
            expires = asset.expires
        except ValueError:
            continue  # the indexer stores only dates it parsed; an older index may differ
        if expires is None or expires > soon:
            continue
        owner = f"; owner {asset.owner}" if asset.owner else ""
        if expires < today:
            days = (today - expires).days
            message = (
                f"expired on {expires} ({_plural(days, 'day')} ago; hidden from search{owner})"
            )
            findings.append(Finding("expired", WARNING, asset.id, None, message))
        else:
            days = (expires - today).days
            when = "today" if days == 0 else f"in {_plural(days, 'day')}"
            message = f"expires on {expires} ({when}{owner})"
            findings.append(Finding("expiring-soon", WARNING, asset.id, None, message))
    return findings


def _ambiguous(taxonomy: Taxonomy) -> list[Finding]:
    source = taxonomy.source.name
    return [
        Finding(
            "ambiguous-synonym",
            WARNING,
            None,
            None,
            f"'{term}' is a value or synonym of {' and '.join(facets)} in {source}: "
            "a bare keyword with it becomes a free tag",
        )
        for term, facets in sorted(taxonomy.ambiguous_terms().items())
    ]


# -- near misses -------------------------------------------------------------------------------


def _deal_mapping(library: Library) -> list[Finding]:
    """deals.toml's own errors, and the imported deals' stages, industries and contact titles
    it maps to nothing (so a deal's call kit would miss that filter)."""
    try:
        mapping = load_deal_mapping(library.root, library.taxonomy)
    except DealMappingError as exc:
        return [Finding("deal-mapping", ERROR, None, None, str(exc))]
    database = library.settings.usage_db
    if not database.exists():
        return []
    # SQLAlchemy: only for a rep whose usage database exists
    from contentfinder.deals.store import DealStoreError, load_deals

    try:
        deals = load_deals(database)
    except DealStoreError as exc:
        return [Finding("unmapped-deal-value", WARNING, None, None, str(exc))]
    found = []
    for facet, counts in mapping.unmapped(deals).items():
        what = crm_field_name(facet)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            found.append(
                Finding(
                    "unmapped-deal-value",
                    WARNING,
                    None,
                    None,
                    f"{what} '{value}' ({_plural(count, 'deal')}) maps to no {facet} value; "
                    f"add it to {DEALS_FILE}",
                )
            )
    return found


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def counts_text(errors: int, warnings: int) -> str:
    """'2 errors, 1 warning': how library health counts its findings."""
    parts = [_plural(errors, "error")] if errors else []
    parts += [_plural(warnings, "warning")] if warnings else []
    return ", ".join(parts) or "nothing found"

"""The held-out library's source: assets/*.toml and taxonomy.toml, read and checked.

Loads the assets (one file per vendor), the taxonomy, checks both, resolves each asset's tags
the way the library contract (SPEC §1) describes, for judging facet queries without running the
search engine, and checks judgments.toml against the assets. build_library.py writes the files.
"""

from __future__ import annotations

import json
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
TAXONOMY = HERE / "taxonomy.toml"
JUDGMENTS = HERE / "judgments.toml"
JUDGED_ON = "2026-12-01"
CATALOG_COLUMNS = (
    "path", "title", "persona", "stage", "pain", "industry", "content_type", "product",
    "expires", "owner", "summary", "published",
)  # fmt: skip
SUFFIXES = (".pdf", ".pptx", ".docx", ".xlsx", ".md", ".html", ".txt")


@dataclass(frozen=True)
class Section:
    heading: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    table: tuple[tuple[object, ...], ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Asset:
    vendor: str
    path: str
    title: str
    subtitle: str = ""
    keywords: str = ""
    subject: str = ""
    category: str = ""
    author: str = ""
    front: dict[str, object] = field(default_factory=dict)
    catalog: dict[str, str] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()


def _paragraphs(text: str) -> tuple[str, ...]:
    blocks = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return tuple(block for block in blocks if block)


def load_assets(folder: Path = ASSETS) -> list[Asset]:
    assets: list[Asset] = []
    for source in sorted(folder.glob("*.toml")):
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        vendor = data["vendor"]
        for raw in data["asset"]:
            sections = tuple(
                Section(
                    heading=s.get("heading", ""),
                    paragraphs=_paragraphs(s.get("text", "")),
                    bullets=tuple(s.get("bullets", ())),
                    table=tuple(tuple(row) for row in s.get("table", ())),
                    notes=" ".join(s.get("notes", "").split()),
                )
                for s in raw.get("sections", ())
            )
            assets.append(
                Asset(
                    vendor=vendor,
                    path=raw["path"],
                    title=raw["title"],
                    subtitle=raw.get("subtitle", ""),
                    keywords=raw.get("keywords", ""),
                    subject=raw.get("subject", ""),
                    category=raw.get("category", ""),
                    author=raw.get("author", f"{vendor} Marketing"),
                    front=dict(raw.get("front", {})),
                    catalog={k: str(v) for k, v in raw.get("catalog", {}).items()},
                    sections=sections,
                )
            )
    return assets


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def load_taxonomy() -> dict[str, dict[str, str]]:
    """facet -> folded name or synonym -> canonical value."""
    data = tomllib.loads(TAXONOMY.read_text(encoding="utf-8"))
    facets: dict[str, dict[str, str]] = {}
    for facet, spec in data["facets"].items():
        words: dict[str, str] = {}
        for value in spec["values"]:
            for word in (value["name"], *value.get("synonyms", ())):
                words[_fold(word)] = value["name"]
        facets[facet] = words
    return facets


def check(assets: list[Asset], taxonomy: dict[str, dict[str, str]]) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for facet, words in taxonomy.items():
        for word in words:
            if word in seen and seen[word] != facet:
                problems.append(f"taxonomy: {word!r} is in both {seen[word]} and {facet}")
            seen[word] = facet
    paths = [a.path for a in assets]
    for path in sorted({p for p in paths if paths.count(p) > 1}):
        problems.append(f"{path}: listed twice")
    for asset in assets:
        if not asset.path.endswith(SUFFIXES):
            problems.append(f"{asset.path}: unsupported suffix")
        for column, cell in asset.catalog.items():
            if column not in CATALOG_COLUMNS:
                problems.append(f"{asset.path}: unknown catalog column {column}")
            elif column in taxonomy:
                for part in filter(None, (p.strip() for p in cell.split(";"))):
                    if _fold(part) not in taxonomy[column]:
                        problems.append(f"{asset.path}: {column} value {part!r} unknown")
        for facet, value in asset.front.items():
            if facet in taxonomy:
                for part in value if isinstance(value, list) else [value]:
                    if _fold(str(part)) not in taxonomy[facet]:
                        problems.append(f"{asset.path}: front {facet} value {part!r} unknown")
    return problems


def resolved_tags(asset: Asset, taxonomy: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Tags by SPEC §1: embedded properties, then catalog cells, later wins per facet."""
    tags: dict[str, list[str]] = {}

    def add(facet: str, value: str) -> None:
        if value not in tags.setdefault(facet, []):
            tags[facet].append(value)

    suffix = Path(asset.path).suffix
    if suffix == ".md":
        for facet, value in asset.front.items():
            if facet in taxonomy:
                for part in value if isinstance(value, list) else [value]:
                    add(facet, taxonomy[facet][_fold(str(part))])
    elif suffix != ".txt":
        for string in (asset.keywords, asset.category, asset.subject):
            for part in filter(None, (p.strip() for p in string.replace(",", ";").split(";"))):
                facet, _, value = part.partition(":")
                if value and _fold(facet) in taxonomy:
                    if _fold(value) in taxonomy[_fold(facet)]:
                        add(_fold(facet), taxonomy[_fold(facet)][_fold(value)])
                    continue
                owners = [f for f, words in taxonomy.items() if _fold(part) in words]
                if len(owners) == 1:
                    add(owners[0], taxonomy[owners[0]][_fold(part)])
    for column, cell in asset.catalog.items():
        if column in taxonomy and cell.strip():
            parts = filter(None, (p.strip() for p in cell.split(";")))
            tags[column] = [taxonomy[column][_fold(p)] for p in parts]
    return tags


def check_judgments(today: str = JUDGED_ON) -> int:
    """Judged paths exist and are unexpired; grades are 1 or 2; no-answer means nothing relevant."""
    assets = {a.path: a for a in load_assets()}
    data = tomllib.loads(JUDGMENTS.read_text(encoding="utf-8"))
    problems: list[str] = []
    kinds: dict[str, int] = {}
    for query in data["query"]:
        kinds[query["kind"]] = kinds.get(query["kind"], 0) + 1
        relevant = query.get("relevant", {})
        if (query["kind"] == "no-answer") == bool(relevant):
            problems.append(f"{query['text']!r}: no-answer iff nothing is relevant")
        for path, grade in relevant.items():
            asset = assets.get(path)
            if asset is None:
                problems.append(f"{query['text']!r}: no asset {path}")
            elif asset.catalog.get("expires", "9999") < today:
                problems.append(f"{query['text']!r}: {path} is expired")
            if grade not in (1, 2):
                problems.append(f"{query['text']!r}: grade {grade} for {path}")
    for problem in problems:
        print(f"judgments: {problem}", file=sys.stderr)
    print(f"judgments: {len(data['query'])} queries", json.dumps(dict(sorted(kinds.items()))))
    return 1 if problems else 0

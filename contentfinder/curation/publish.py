"""Publishing: a marketer's file copied into the library with its tags recorded in
`catalog.csv`, after every value is checked against the taxonomy. Nothing is written unless
everything is right; an existing asset is never overwritten; a file whose content the library
has already is reported, not copied again; `supersedes` expires the older version today.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from contentfinder.config import Settings
from contentfinder.index.schema import IndexUnavailable, open_for_reading
from contentfinder.index.stored import read_stored_assets
from contentfinder.index.text_cache import content_hash
from contentfinder.library.catalog_writer import CatalogRows, update_catalog
from contentfinder.library.formats import FORMATS, format_of, kind_named
from contentfinder.library.tag_matching import mentioned_value
from contentfinder.library.taxonomy import Taxonomy, load_taxonomy
from contentfinder.text import fold

# Where an asset goes when --to is not given: by its content type, else by its kind of file.
FOLDERS_BY_CONTENT_TYPE = {
    "case study": "Case Studies",
    "battlecard": "Battlecards",
    "whitepaper": "Whitepapers",
    "ebook": "Guides",
    "guide": "Guides",
    "datasheet": "One-pagers",
    "solution brief": "One-pagers",
    "presentation": "Decks",
    "email template": "Email Templates",
    "blog post": "Blog",
    "price list": "Pricing",
    "roi calculator": "Pricing",
}


@dataclass(frozen=True)
class Problem:
    field: str  # 'persona', 'file', 'expires', 'to', 'supersedes', …
    message: str


class PublishError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class PublishRequest:
    files: tuple[Path, ...]
    tags: Mapping[str, Sequence[str]] = field(default_factory=dict)  # as typed
    title: str = ""
    summary: str = ""
    owner: str = ""
    expires: str = ""
    to: str = ""  # a folder inside the library
    supersedes: str = ""  # asset id
    dry_run: bool = False
    today: date | None = None


@dataclass(frozen=True)
class Planned:
    source: Path
    asset_id: str  # where it goes
    duplicate_of: str | None  # the asset that has this content already: nothing is copied
    tags: dict[str, tuple[str, ...]]


def plan(settings: Settings, request: PublishRequest) -> list[Planned]:
    """What publishing would do; raises PublishError listing every problem at once."""
    library = settings.library
    if library is None or not library.is_dir():
        raise PublishError([Problem("library", f"{library}: no library folder to publish to")])
    taxonomy = load_taxonomy(library)
    problems: list[Problem] = []
    tags = _resolve_tags(taxonomy, request.tags, problems)
    if request.expires:
        try:
            date.fromisoformat(request.expires)
        except ValueError:
            problems.append(
                Problem("expires", f"bad date '{request.expires}' (expected YYYY-MM-DD)")
            )
    known = _indexed_hashes(settings)
    if request.supersedes and request.supersedes not in known.values():
        problems.append(Problem("supersedes", f"no asset '{request.supersedes}' to supersede"))
    planned = []
    for source in request.files:
        found = _check_file(source, problems)
        if not found:
            continue
        folder = _folder(library, request.to, tags, source, problems)
        if folder is None:
            continue
        digest = content_hash(source)
        asset_id = (folder / source.name).relative_to(library).as_posix()
        duplicate = known.get(digest)
        if duplicate is None and (library / asset_id).exists():
            problems.append(
                Problem(
                    "file",
                    f"{asset_id} exists already in the library; give --to another "
                    "folder or rename the file (nothing is overwritten)",
                )
            )
            continue
        planned.append(Planned(source, asset_id, duplicate, tags))
    if problems:
        raise PublishError(problems)
    return planned


def publish(settings: Settings, request: PublishRequest) -> list[Planned]:
    """Copies the files and records their tags; returns what was done."""
    planned = plan(settings, request)
    if request.dry_run:
        return planned
    library = settings.library
    assert library is not None
    copied = []
    for item in planned:
        if item.duplicate_of is None:
            _copy_without_overwriting(item.source, library / item.asset_id)
            copied.append(item)
    today = request.today or date.today()

    def record(rows: CatalogRows) -> None:
        for item in copied:
            values = {facet: ";".join(v) for facet, v in item.tags.items()}
            for name, value in (
                ("title", request.title),
                ("summary", request.summary),
                ("owner", request.owner),
                ("expires", request.expires),
            ):
                if value:
                    values[name] = value
            rows.set(item.asset_id, values)
        if request.supersedes and copied:
            rows.set(request.supersedes, {"expires": today.isoformat()})

    if copied:
        update_catalog(library, record)
    return planned


@dataclass(frozen=True)
class Suggestion:
    facet: str
    value: str
    reason: str  # 'mentions "SOC 2" 6×', 'like Security Whitepaper 2025 (and 2 more)'


def suggest_tags(settings: Settings, text: str, *, limit: int = 2) -> list[Suggestion]:
    """Proposals for the required facets (and content type) from a document's own text and
    from the tags of the library's most similar assets. Proposals only: nothing is tagged."""
    from collections import Counter

    from contentfinder.search.session import SearchSession

    taxonomy = load_taxonomy(settings.library)
    folded = fold(text)
    try:
        with SearchSession(settings) as session:
            similar = session.similar_to(text, {}, limit=5)
    except IndexUnavailable:
        similar = []
    found: list[Suggestion] = []
    for facet in taxonomy.facets:
        if not (facet.required or facet.name == "content_type"):
            continue
        value, why = mentioned_value(facet, folded)
        from_text = [Suggestion(facet.name, value, why)] if value else []
        from_similar = []
        votes = Counter(v for like in similar for v in like.hit.tags.get(facet.name, ()))
        for voted, count in votes.most_common(limit):
            if voted == value:
                continue
            source = next(
                like.hit.title for like in similar if voted in like.hit.tags.get(facet.name, ())
            )
            more = f" (and {count - 1} more)" if count > 1 else ""
            from_similar.append(Suggestion(facet.name, voted, f"like {source}{more}"))
        # A word said once is a weak sign; what similar assets are tagged says more then.
        mentions = re.search(r"(\d+)×$", why)
        strong = mentions is not None and int(mentions[1]) > 1
        found += from_text + from_similar if strong else from_similar + from_text
    return found


def closest_values(taxonomy: Taxonomy, facet_name: str, typed: str) -> list[str]:
    """Known values a person most likely meant: fewest edits first (a swapped pair of letters
    counts as one), then the same length (a slip of the finger, not a missing word)."""
    from whoosh.support.levenshtein import damerau_levenshtein

    facet = taxonomy.facet(facet_name)
    if facet is None:
        return []
    wanted = fold(typed)
    scored = []
    for value in facet.values:
        for term in (value.name, *value.synonyms):
            folded = fold(term)
            edits = damerau_levenshtein(wanted, folded)
            similarity = difflib.SequenceMatcher(None, wanted, folded).ratio()
            if edits <= max(1, len(wanted) // 3) or similarity >= 0.75:
                scored.append((edits, abs(len(folded) - len(wanted)), -similarity, value.name))
    return list(dict.fromkeys(name for *_, name in sorted(scored)))[:3]


def _resolve_tags(
    taxonomy: Taxonomy, typed: Mapping[str, Sequence[str]], problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    tags: dict[str, tuple[str, ...]] = {}
    for facet_name, values in typed.items():
        facet = taxonomy.facet(facet_name)
        if facet is None:
            problems.append(
                Problem(
                    facet_name,
                    f"unknown facet '{facet_name}'; facets: {', '.join(taxonomy.facet_names)}",
                )
            )
            continue
        resolved = []
        for raw in values:
            value = facet.resolve(raw)
            if value is None:
                near = closest_values(taxonomy, facet.name, raw)
                hint = f" — did you mean {' or '.join(near)}?" if near else ""
                known = ", ".join(v.name for v in facet.values)
                problems.append(
                    Problem(facet.name, f"unknown {facet.name} '{raw}'{hint} Known: {known}")
                )
            elif value not in resolved:
                resolved.append(value)
        if resolved:
            tags[facet.name] = tuple(resolved)
    for facet in taxonomy.facets:
        if (
            facet.required
            and facet.name not in tags
            and not any(p.field == facet.name for p in problems)
        ):
            problems.append(
                Problem(
                    facet.name,
                    f"a {facet.label.lower()} is required "
                    f"(--{facet.name} V or --facet {facet.name}=V)",
                )
            )
    return tags


def _check_file(source: Path, problems: list[Problem]) -> bool:
    if format_of(source.name) is None:
        supported = " ".join(sorted(FORMATS))
        problems.append(Problem("file", f"{source}: not a format the library takes ({supported})"))
        return False
    try:
        size = source.stat().st_size
        with source.open("rb") as stream:
            stream.read(1)
    except FileNotFoundError:
        problems.append(Problem("file", f"{source}: no such file"))
        return False
    except OSError as exc:
        problems.append(Problem("file", f"{source}: cannot be read ({exc.strerror})"))
        return False
    if size == 0:
        problems.append(Problem("file", f"{source}: the file is empty"))
        return False
    return True


def _folder(
    library: Path,
    to: str,
    tags: Mapping[str, Sequence[str]],
    source: Path,
    problems: list[Problem],
) -> Path | None:
    if to:
        folder = (library / to).resolve()
        if not folder.is_relative_to(library.resolve()):
            problems.append(Problem("to", f"'{to}' is outside the library"))
            return None
        return library / folder.relative_to(library.resolve())
    content_types = tags.get("content_type", ())
    for value in content_types:
        if fold(value) in FOLDERS_BY_CONTENT_TYPE:
            return library / FOLDERS_BY_CONTENT_TYPE[fold(value)]
    file_format = format_of(source.name)
    return library / kind_named(file_format.kind if file_format else "").default_folder


def indexed_assets(settings: Settings) -> list[str]:
    """Every asset id the index holds, sorted (for a supersedes picker)."""
    return sorted(_indexed_hashes(settings).values())


def _indexed_hashes(settings: Settings) -> dict[str, str]:
    """content hash -> asset id of every indexed asset (empty before the first index run)."""
    try:
        index = open_for_reading(settings.index_dir)
    except IndexUnavailable:
        return {}
    with index.searcher() as searcher:
        return {
            asset.content_hash: asset.id
            for asset in read_stored_assets(searcher, None)
            if asset.content_hash
        }


def _copy_without_overwriting(source: Path, target: Path) -> None:
    """Copies under a temporary name, then links it in place: the link fails if another
    publisher got there first, so nothing is ever overwritten."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copy2(source, temporary)
    try:
        os.link(temporary, target)
    except FileExistsError as exc:
        raise PublishError(
            [Problem("file", f"{target}: appeared meanwhile; not overwritten")]
        ) from exc
    except OSError:
        if target.exists():
            raise PublishError([Problem("file", f"{target}: exists; not overwritten")]) from None
        os.replace(temporary, target)  # a file system without hard links
        return
    finally:
        if temporary.exists():
            temporary.unlink()

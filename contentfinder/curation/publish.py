"""Publishing: a marketer's file copied into the library with its tags recorded in
`catalog.csv`, after every value is checked against the taxonomy. Nothing is written unless
everything is right; an existing asset is never overwritten; a file whose content the library
has already is reported, not copied again; `supersedes` expires the older version today.

The files are copied with the catalog lock held, and removed again if the catalog cannot be
written: a publish that fails leaves the library as it was, never files without their tags.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from contentfinder.index.schema import IndexUnavailable
from contentfinder.index.stored import read_stored_assets
from contentfinder.index.text_cache import content_hash
from contentfinder.library.catalog_lock import WAIT_SECONDS, catalog_lock
from contentfinder.library.catalog_writer import CatalogRows, rewrite_catalog
from contentfinder.library.facet_values import UnknownFacet, resolve_facet_values
from contentfinder.library.formats import FORMATS, format_of, kind_named
from contentfinder.library.opened import Library
from contentfinder.library.taxonomy import CONTENT_TYPE_FACET, Taxonomy
from contentfinder.portability.filesystem import place_without_overwriting
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


def plan(library: Library, request: PublishRequest) -> list[Planned]:
    """What publishing would do; raises PublishError listing every problem at once."""
    root = library.folder
    if root is None or not root.is_dir():
        raise PublishError([Problem("library", f"{root}: no library folder to publish to")])
    problems: list[Problem] = []
    tags = _resolve_tags(library.taxonomy, request.tags, problems)
    if request.expires:
        try:
            date.fromisoformat(request.expires)
        except ValueError:
            problems.append(
                Problem("expires", f"bad date '{request.expires}' (expected YYYY-MM-DD)")
            )
    known = _indexed_hashes(library)
    if request.supersedes and request.supersedes not in known.values():
        problems.append(Problem("supersedes", f"no asset '{request.supersedes}' to supersede"))
    planned = []
    for source in request.files:
        if not _check_file(source, problems):
            continue
        folder = _folder(root, request.to, tags, source, problems)
        if folder is None:
            continue
        digest = content_hash(source)
        asset_id = (folder / source.name).relative_to(root).as_posix()
        duplicate = known.get(digest)
        if duplicate is None and (root / asset_id).exists():
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


def publish(
    library: Library, request: PublishRequest, *, wait: float = WAIT_SECONDS
) -> list[Planned]:
    """Copies the files and records their tags; returns what was done. Raises PublishError,
    CatalogBusy (another publisher held the catalog for longer than `wait` seconds) or
    OSError, and then the library is as it was."""
    planned = plan(library, request)
    copies = [item for item in planned if item.duplicate_of is None]
    if request.dry_run or not copies:
        return planned
    root = library.folder
    assert root is not None  # plan checked it
    today = request.today or date.today()

    def record(rows: CatalogRows) -> None:
        for item in copies:
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
        if request.supersedes:
            rows.set(request.supersedes, {"expires": today.isoformat()})

    with catalog_lock(root, wait=wait):
        made: list[Path] = []  # files and folders this publish created, in that order
        try:
            for item in copies:
                _copy_without_overwriting(item.source, root / item.asset_id, made)
            rewrite_catalog(root, record)
        except BaseException:
            _remove(made)
            raise
    return planned


def _resolve_tags(
    taxonomy: Taxonomy, typed: Mapping[str, Sequence[str]], problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    resolved = resolve_facet_values(taxonomy, typed)
    for unknown in resolved.unknown:
        if isinstance(unknown, UnknownFacet):
            facets = ", ".join(unknown.known)
            problems.append(
                Problem(unknown.typed, f"unknown facet '{unknown.typed}'; facets: {facets}")
            )
            continue
        hint = f" — did you mean {' or '.join(unknown.closest)}?" if unknown.closest else ""
        known = ", ".join(unknown.known)
        message = f"unknown {unknown.facet} '{unknown.typed}'{hint} Known: {known}"
        problems.append(Problem(unknown.facet, message))
    for facet in taxonomy.facets:
        if (
            facet.required
            and facet.name not in resolved.values
            and not any(p.field == facet.name for p in problems)
        ):
            problems.append(
                Problem(
                    facet.name,
                    f"a {facet.label.lower()} is required "
                    f"(--{facet.name} V or --facet {facet.name}=V)",
                )
            )
    return resolved.values


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
    content_types = tags.get(CONTENT_TYPE_FACET, ())
    for value in content_types:
        if fold(value) in FOLDERS_BY_CONTENT_TYPE:
            return library / FOLDERS_BY_CONTENT_TYPE[fold(value)]
    file_format = format_of(source.name)
    return library / kind_named(file_format.kind if file_format else "").default_folder


def indexed_assets(library: Library) -> list[str]:
    """Every asset id the index holds, sorted (for a supersedes picker)."""
    return sorted(_indexed_hashes(library).values())


def _indexed_hashes(library: Library) -> dict[str, str]:
    """content hash -> asset id of every indexed asset (empty before the first index run)."""
    try:
        index = library.index
    except IndexUnavailable:
        return {}
    with index.searcher() as searcher:
        return {
            asset.content_hash: asset.id
            for asset in read_stored_assets(searcher, None)
            if asset.content_hash
        }


def _copy_without_overwriting(source: Path, target: Path, made: list[Path]) -> None:
    """Copies under a temporary name beside `target`, then gives it its name only if nobody
    has it (another publisher, at the same moment): nothing is ever overwritten, on shares
    without hard links too. What it creates, folders included, is added to `made`."""
    missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    target.parent.mkdir(parents=True, exist_ok=True)
    made.extend(reversed(missing))
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(descriptor)
    temporary = Path(name)
    try:
        shutil.copy2(source, temporary)
        place_without_overwriting(temporary, target)
    except FileExistsError as exc:
        raise PublishError(
            [Problem("file", f"{target}: appeared meanwhile; not overwritten")]
        ) from exc
    finally:
        temporary.unlink(missing_ok=True)
    made.append(target)


def _remove(made: list[Path]) -> None:
    """Undoes a publish that failed half-way: its copies, then the folders it made (if empty)."""
    for path in reversed(made):
        try:
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
        except OSError:
            pass  # a folder someone else has put something in meanwhile: theirs now

"""Just enough of the OLE compound-file format to tell what an OLE container holds.

An OLE (CFB) file under an OOXML suffix is either an encrypted Office document (it holds an
`EncryptedPackage` stream) or a legacy Word/Excel/PowerPoint 97-2003 file that was renamed.
Reading the directory names the streams; nothing else of the file is parsed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTORS = 4096  # a directory longer than this is not a document we can sensibly read
_ENTRY_SIZE = 128

# Stream name -> what the container is, most telling first.
_CONTENT_BY_STREAM: tuple[tuple[str, str], ...] = (
    ("EncryptedPackage", "encrypted"),
    ("WordDocument", "Word 97-2003"),
    ("Workbook", "Excel 97-2003"),
    ("Book", "Excel 95"),
    ("PowerPoint Document", "PowerPoint 97-2003"),
)


def describe(path: Path) -> str:
    """'encrypted', a legacy format's name ('Word 97-2003', …) or 'OLE' when unrecognised."""
    try:
        with path.open("rb") as stream:
            names = _stream_names(stream)
    except (OSError, struct.error, ValueError):
        return "OLE"
    for stream_name, content in _CONTENT_BY_STREAM:
        if stream_name in names:
            return content
    return "OLE"


def _stream_names(stream: BinaryIO) -> set[str]:
    header = stream.read(512)
    if not header.startswith(MAGIC):
        return set()
    sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if sector_size not in (512, 4096):
        raise ValueError("bad sector size")
    first_directory_sector = struct.unpack_from("<I", header, 0x30)[0]
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < _END_OF_CHAIN]

    def read_sector(number: int) -> bytes:
        stream.seek((number + 1) * sector_size)
        return stream.read(sector_size)

    def next_sector(number: int) -> int:
        per_sector = sector_size // 4
        index = number // per_sector
        if index >= len(fat_sectors):  # beyond the header's FAT list: stop, names so far suffice
            return _END_OF_CHAIN
        return struct.unpack_from("<I", read_sector(fat_sectors[index]), (number % per_sector) * 4)[
            0
        ]

    names: set[str] = set()
    sector, seen = first_directory_sector, set()
    while sector < _END_OF_CHAIN and sector not in seen and len(seen) < _MAX_SECTORS:
        seen.add(sector)
        names.update(_entry_names(read_sector(sector)))
        sector = next_sector(sector)
    return names


def _entry_names(sector: bytes) -> Iterator[str]:
    for offset in range(0, len(sector) - _ENTRY_SIZE + 1, _ENTRY_SIZE):
        entry = sector[offset : offset + _ENTRY_SIZE]
        length = struct.unpack_from("<H", entry, 64)[0]
        if 2 <= length <= 64:
            yield entry[: length - 2].decode("utf-16-le", errors="replace")

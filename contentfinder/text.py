"""Text folding shared by everything that compares what people type: case and accents."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: 'Décision  Maker' -> 'decision maker'."""
    if text.isascii():  # the common case, without the cost of Unicode decomposition
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.casefold()).strip()

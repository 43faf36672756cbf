"""Short texts as HTML with the matched words marked, for labels built on the GUI thread
(a slide's few lines, a cell): bounded, so cheap."""

from __future__ import annotations

from html import escape

from ui.preview.marks import Marks

MARK_STYLE = "background-color:#ffe27a; color:#000000"


def marked(text: str, marks: Marks) -> str:
    """`text` HTML-escaped, each marked word in a highlighted span."""
    parts, cursor = [], 0
    for start, end in marks.spans(text):
        parts.append(escape(text[cursor:start]))
        parts.append(f"<span style='{MARK_STYLE}'>{escape(text[start:end])}</span>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)

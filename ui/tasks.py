"""Work off the GUI thread: the one helper every dialog and panel runs background work with.

Index runs are `ui.controllers.index_process`, searching `ui.controllers.search_process`.
Widgets are only ever touched on the GUI thread, through signals.
"""

from __future__ import annotations

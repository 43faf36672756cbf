"""Paints one result: format icon, title with badges, tag chips, the snippet with its matches
in bold and the page or slide it is on, and a favorite star that can be clicked; a partial match
adds a muted "missing: roi" line, and the first one the "Partial matches" divider above it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from contentfinder.library.formats import kind_named
from contentfinder.library.taxonomy import REQUIRED_FACETS
from contentfinder.search.results import Hit
from ui.icons import format_icon
from ui.search.results_model import Role

PAD = 8
SNIPPET_LINES = 2
DOCUMENTS_KEPT = 300  # laid-out snippets kept for repainting
ICON = 32
# The narrowest a row asks for: its title elides, its chips stop and its snippet wraps to any
# width above this, so the list fits its column instead of scrolling sideways (and cutting
# the rows at the column's edge) in a window of 900 px.
MIN_WIDTH = 180
CHIP_LINE = 6  # px between the chips and the snippet
CHIP_GAP = 6  # px between two chips
ELLIPSIS = "…"
STAR = "★"
NO_STAR = "☆"


class ResultDelegate(QStyledItemDelegate):
    favorite_clicked = Signal(QModelIndex)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._documents: dict[tuple, QTextDocument] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        line = QFontMetrics(option.font).lineSpacing()
        # title, chips (when it has any), two lines of snippet, and what a partial match lacks
        height = PAD * 2 + line + 4 + SNIPPET_LINES * line + 2
        hit: Hit | None = index.data(Role.HIT)
        if hit is not None and chip_values(hit):
            height += line + CHIP_LINE + 2
        if index.data(Role.LACKS):
            height += line + 2
        if index.data(Role.DIVIDER):
            height += divider_height(option.font)
        return QSize(MIN_WIDTH, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: Hit | None = index.data(Role.HIT)
        if hit is None:
            return
        painter.save()
        palette = option.palette
        divider: str | None = index.data(Role.DIVIDER)
        item = content_area(option.rect, option.font, divider)
        if divider:
            band = QRect(option.rect.topLeft(), item.topRight()).adjusted(0, 0, 0, -1)
            _paint_divider(painter, option, band, divider)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(item, palette.color(QPalette.ColorRole.Highlight))
        elif index.row() % 2:
            painter.fillRect(item, palette.color(QPalette.ColorRole.AlternateBase))
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_color)
        muted.setAlpha(170)
        rect = item.adjusted(PAD, PAD, -PAD, -PAD)
        format_icon(hit.format).paint(painter, QRect(rect.left(), rect.top(), ICON, ICON))
        left = rect.left() + ICON + PAD
        width = rect.right() - left
        line = QFontMetrics(option.font).height()

        star_rect = star_area(item)
        favorite = bool(index.data(Role.FAVORITE))
        painter.setPen(QColor("#d4a017") if favorite else muted)
        painter.drawText(star_rect, Qt.AlignmentFlag.AlignCenter, STAR if favorite else NO_STAR)

        title_font = QFont(option.font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_color)
        badges = _badges(hit)
        badge_width = sum(QFontMetrics(option.font).horizontalAdvance(b) + 14 for b, _ in badges)
        title_width = width - badge_width - star_rect.width() - PAD
        title = QFontMetrics(title_font).elidedText(
            hit.title, Qt.TextElideMode.ElideRight, max(title_width, 40)
        )
        painter.drawText(
            QRect(left, rect.top(), title_width, line), Qt.AlignmentFlag.AlignLeft, title
        )
        x = left + QFontMetrics(title_font).horizontalAdvance(title) + PAD
        painter.setFont(option.font)
        for text, color in badges:
            x += _chip(painter, x, rect.top(), text, QColor(color), QColor("white"), option.font)

        y = rect.top() + line + 4
        x = left
        chip_fill = palette.color(QPalette.ColorRole.Button)
        chip_text = palette.color(QPalette.ColorRole.ButtonText)
        chips = fitted_chips(chip_values(hit), option.font, width)
        for value in chips:
            x += _chip(painter, x, y, value, chip_fill, chip_text, option.font)
        if chips:
            y += line + CHIP_LINE
        snippet = self._snippet(hit, option.font, width, text_color, muted)
        painter.translate(left, y)
        # Whole lines only: a line cut in half reads as a rendering fault.
        clip = QRectF(0, 0, width, SNIPPET_LINES * QFontMetrics(option.font).lineSpacing() + 1)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        painter.setClipRect(clip)
        snippet.documentLayout().draw(painter, context)
        painter.setClipping(False)
        painter.translate(-left, -y)

        lacks: tuple[str, ...] = index.data(Role.LACKS) or ()
        if lacks:
            y += SNIPPET_LINES * QFontMetrics(option.font).lineSpacing() + 2
            italic = QFont(option.font)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(muted)
            text = QFontMetrics(italic).elidedText(
                f"missing: {', '.join(lacks)}", Qt.TextElideMode.ElideRight, width
            )
            painter.drawText(QRect(left, y, width, line), Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def _snippet(
        self, hit: Hit, font: QFont, width: int, ink: QColor, muted: QColor
    ) -> QTextDocument:
        """The snippet laid out as rich text, kept: laying it out is most of a row's painting,
        and rows are painted again on every scroll, hover and selection."""
        key = (hit.id, hit.snippet, hit.location, width, ink.name(), font.toString())
        document = self._documents.get(key)
        if document is None:
            unit = kind_named(hit.kind).location_word
            where = (
                f"<span style='color:{muted.name()}'>{unit} {hit.location} · </span>"
                if hit.location
                else ""
            )
            document = QTextDocument()
            document.setDefaultFont(font)
            document.setDocumentMargin(0)
            document.setTextWidth(width)
            document.setHtml(f"<div style='color:{ink.name()}'>{where}{hit.snippet}</div>")
            if len(self._documents) >= DOCUMENTS_KEPT:
                self._documents.pop(next(iter(self._documents)))
            self._documents[key] = document
        return document

    def in_divider(self, view: QAbstractItemView, index: QModelIndex, point: QPoint) -> bool:
        """Whether `point` (in the view's viewport) is on the divider painted above `index`."""
        divider = index.data(Role.DIVIDER) if index.isValid() else None
        if not divider:
            return False
        rect = view.visualRect(index)
        return rect.contains(point) and point.y() < content_area(rect, view.font(), divider).top()

    def editorEvent(self, event: QEvent, model, option, index: QModelIndex) -> bool:  # noqa: ANN001, N802
        item = content_area(option.rect, option.font, index.data(Role.DIVIDER))
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and star_area(item).contains(event.position().toPoint())
        ):
            self.favorite_clicked.emit(index)
            return True
        return super().editorEvent(event, model, option, index)


def divider_height(font: QFont) -> int:
    return QFontMetrics(font).lineSpacing() + 2 * PAD + 4


def content_area(rect: QRect, font: QFont, divider: str | None) -> QRect:
    """The part of a row's rect that is the result itself: below its divider, if it has one."""
    return rect.adjusted(0, divider_height(font), 0, 0) if divider else QRect(rect)


def _paint_divider(painter: QPainter, option: QStyleOptionViewItem, band: QRect, text: str) -> None:
    """A caption between two rules, on the window's colour: it reads as a heading over the
    rows below it, not as one more result, and is never drawn selected."""
    palette = option.palette
    painter.fillRect(band, palette.color(QPalette.ColorRole.Window))
    font = QFont(option.font)
    font.setBold(True)
    metrics = QFontMetrics(font)
    inner = band.adjusted(PAD, 0, -PAD, 0)
    caption = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width() - 4 * PAD)
    caption_width = metrics.horizontalAdvance(caption)
    middle = band.center().y()
    painter.setPen(palette.color(QPalette.ColorRole.Mid))
    painter.drawLine(inner.left(), middle, inner.left() + 2 * PAD, middle)
    rest = inner.left() + 3 * PAD + caption_width + PAD
    if inner.right() - rest >= 2 * PAD:  # a stub after an elided caption reads as a glitch
        painter.drawLine(rest, middle, inner.right(), middle)
    painter.setFont(font)
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    painter.drawText(
        QRect(inner.left() + 3 * PAD, band.top(), caption_width + 1, band.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        caption,
    )


def star_area(item: QRect) -> QRect:
    return QRect(item.right() - 28 - PAD, item.top() + PAD - 2, 28, 24)


def _badges(hit: Hit) -> list[tuple[str, str]]:
    if hit.expired:
        return [("expired", "#b3261e")]
    if hit.expiring_soon:
        return [(f"expires {hit.expires}", "#9a6700")]
    return []


def chip_width(text: str, font: QFont) -> int:
    return QFontMetrics(font).horizontalAdvance(text) + 12


def chip_values(hit: Hit) -> list[str]:
    """The tags shown as chips: the values of the facets every asset should have."""
    return [v for facet in REQUIRED_FACETS for v in hit.tags.get(facet, ())]


def fitted_chips(values: list[str], font: QFont, width: int) -> list[str]:
    """The chips' texts as drawn in `width`: as many whole as fit; the first that does not
    is elided with "…" to the room left, or is a lone "…" when too little is left for a word,
    so a row never ends in a chip cut at its edge."""
    shown: list[str] = []
    x = 0
    metrics = QFontMetrics(font)
    for value in values:
        room = width - x
        if chip_width(value, font) <= room:
            shown.append(value)
            x += chip_width(value, font) + CHIP_GAP
            continue
        elided = metrics.elidedText(value, Qt.TextElideMode.ElideRight, room - 12)
        if len(elided) > 3:  # a few letters and "…"; fewer read as noise
            shown.append(elided)
        elif chip_width(ELLIPSIS, font) <= room:
            shown.append(ELLIPSIS)
        elif shown:  # not even the "…" fits after the last chip: it takes that one's place
            shown[-1] = ELLIPSIS
        break
    return shown


def _chip(
    painter: QPainter, x: int, y: int, text: str, fill: QColor, ink: QColor, font: QFont
) -> int:
    """Draws a rounded label at (x, y); returns the width it took, with its gap."""
    metrics = QFontMetrics(font)
    width = chip_width(text, font)
    height = metrics.height() + 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(x, y, width, height), height / 2, height / 2)
    painter.setPen(ink)
    painter.drawText(QRectF(x, y, width, height), Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()
    return width + CHIP_GAP

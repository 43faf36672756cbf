"""The rich previews of the preview pane, one reader per format producing plain data on a
pool thread (`pdf_page`, `slides`, `document`, `sheet`, `rich_text`, routed by `reader`), and
the views the GUI thread builds from that data (`pdf_view`, `slide_view`, `text_view`,
`sheet_view`). The words to mark come from the hit (`marks`)."""

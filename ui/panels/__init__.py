"""The window's panels: facet filters, the preview, My kit."""

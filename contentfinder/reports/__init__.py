"""Marketing's reports from usage events joined with the index, and their export formats."""

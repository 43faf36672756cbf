"""The library as marketing defines it: formats, taxonomy, catalog, tag matching, scanning."""

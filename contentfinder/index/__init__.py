"""The on-disk index contract shared by the indexer and search: schema, analysis, text cache."""

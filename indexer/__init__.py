"""The indexer: text extraction per format, tag resolution, and the incremental index pipeline."""

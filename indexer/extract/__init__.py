"""Text extraction, one module per format; `extract_file` routes a file to its reader."""

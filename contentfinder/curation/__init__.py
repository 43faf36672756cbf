"""Curating the library: publishing tagged assets, tag proposals, library health."""

"""numpy, imported one way for searching: with OpenBLAS, its linear algebra, held to one
thread. Nothing here multiplies matrices, but an import left to OpenBLAS starts a thread per
core that spins for about 60 ms of CPU: on a rep's laptop, time taken from the app and from an
index run. (A setting the user made stays as it is.)"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402 - after the setting, which OpenBLAS reads as it loads

__all__ = ["np"]

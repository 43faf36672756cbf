"""The one part of the build pyproject.toml cannot say: the wheel's packages are every package
of `contentfinder`, `indexer` and `ui` (found, so a new subpackage is never left out) plus the
checkout's top-level `resources/` folder, which stays where it is and goes into the wheel as
`contentfinder/_resources/` (read by `contentfinder.resources`). No tests, no benchmarks."""

from setuptools import find_packages, setup

RESOURCES = "contentfinder._resources"

setup(
    packages=[*find_packages(include=["contentfinder*", "indexer*", "ui*"]), RESOURCES],
    package_dir={RESOURCES: "resources"},
    package_data={RESOURCES: ["*.toml", "icons/*.svg", "sample-library/**/*"]},
    # Only what package_data names: the sample library's folders look like packages to
    # setuptools, which would warn about each of them.
    include_package_data=False,
)

"""`python -m contentfinder.cli`: how the app and the tests start the command line."""

import sys

from contentfinder.cli import main

sys.exit(main())

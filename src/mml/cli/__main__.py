"""``python -m mml.cli``: the same as the ``mml`` command."""

import sys

from mml.cli import main

sys.exit(main())

"""``python -m textkit.evaluation``: generate (cached) pairs, repair the test set, print the table."""

import sys

from textkit.evaluation.bench import main

sys.exit(main())

"""``python -m voice.screening``: same as ``voice screen``."""

import sys

from voice.screening.cli import main

sys.exit(main())

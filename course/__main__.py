"""``python -m course`` runs the course CLI."""

import sys

from course.cli import main

sys.exit(main())

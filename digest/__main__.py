"""Allow `python -m digest`."""

import os
import sys

from digest.cli import main

code = main()
try:
    sys.stdout.flush()
    sys.stderr.flush()
except OSError:  # the reader left: let the interpreter end as usual
    sys.exit(code)
# A build of a big site leaves a million objects alive, and freeing them one by one at exit takes longer than a
# one-seed rebuild's rendering (mypy ends the same way). Every file written is closed by now.
os._exit(code)

"""``python -m voting_server.bench.serve ARGS``: ``ordet serve`` with more open files.

A hub under benchmark holds thousands of sockets; the default soft limit of
open files is often 1024, so this raises it before the hub starts.
"""

from __future__ import annotations

import sys

from ..cli import main
from .limits import raise_open_files

if __name__ == "__main__":
    raise_open_files()
    sys.exit(main(["serve", *sys.argv[1:]]))

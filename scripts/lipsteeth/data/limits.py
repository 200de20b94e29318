"""What reading a data file may cost: every data file is untrusted input from a pull request.

The loader enforces these bounds and the model's JSON Schema states the longest value, so both
import them from here (the model does not import the loader).
"""

from __future__ import annotations

MAX_FILE_BYTES = 2 * 1024 * 1024  # the largest real file is about 100 KB; the 10,000-event benchmark's, 0.5 MB
MAX_DEPTH = 24  # lists and mappings inside each other; a data file needs six
MAX_SCALAR = 20_000  # characters in one value; the longest real one is under 1,000
MAX_ITEMS = 20_000  # entries in one list; the longest real one (a file's events) is under 200
MAX_FIELDS = 200  # keys in one mapping; a record has at most about 25 fields
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # all data files together; the real record is under 1 MB, the benchmark's 4 MB

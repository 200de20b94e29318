"""The tables of waits on the analysis page: a row with no visit to compare names none."""

from __future__ import annotations

import numpy as np

from lipsteeth.analyse.statistics import Wait
from lipsteeth.render.analysis import _wait_rows

from ..conftest import TEST, dataset_of


def test_a_launch_with_no_visit_after_it_does_not_show_its_own_title_as_the_next_visit(mini):
    """The 'Next visit' column said the launch's own title when no visit followed."""
    event = dataset_of(mini).event_by_id[TEST]
    (row,) = _wait_rows((Wait(event, None, None, None, None, np.array([], dtype=np.int64)),))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert event.title not in row
    assert cells[1:3] == ["none to compare", "no visit to compare (none since, or during the border closure)"]

"""The data diff: events added, removed and changed field by field, and verdicts that flip."""

from __future__ import annotations

import subprocess

from lipsteeth.diff import data_at_revision, diff_datasets, render_markdown
from lipsteeth.validate import load_dataset

from .conftest import MINI, ROOT, TODAY

EV = "events/events.yaml"
NEW_EVENT = """
  - id: 2001-09-jiang-zemin-visits-pyongyang
    date: 2001-09-03
    kind: visit
    title: Jiang Zemin visits Pyongyang
    summary: A reciprocal visit.
    from: CN
    to: KP
    sources:
      - url: https://example.org/jiang
        publisher: Example News
        title: Jiang in Pyongyang
"""


def test_changes_are_listed_field_by_field_with_flipped_verdicts(mini):
    """Moving the visit past two years after the launch flips the timing claim, and the diff says so."""
    old = load_dataset(MINI, today=TODAY)
    mini.replace(EV, "date: 2000-05-29\n    end: 2000-05-31", "date: 2000-09-29\n    end: 2000-09-30")
    mini.write(EV, mini.file(EV).read_text() + NEW_EVENT)
    mini.put_in_date_order(EV)
    new = load_dataset(mini.path, today=TODAY)
    diff = diff_datasets(old, new)
    assert diff.added == ["2001-09-jiang-zemin-visits-pyongyang"]
    assert diff.removed == []
    assert diff.changed == {
        "2000-05-kim-jong-il-visits-china": [("date", "2000-05-29", "2000-09-29"), ("end", "2000-05-31", "2000-09-30")]
    }
    assert diff.verdicts == [("secret-visit-within-two-years", "consistent", "contradicted")]
    text = render_markdown(diff, "main")
    assert "| `2000-05-kim-jong-il-visits-china` | `date` | 2000-05-29 | 2000-09-29 |" in text
    assert "| `secret-visit-within-two-years` | consistent | contradicted |" in text


def test_no_change_says_so():
    """Comparing the data with itself reports nothing."""
    dataset = load_dataset(MINI, today=TODAY)
    assert render_markdown(diff_datasets(dataset, dataset), "HEAD").endswith("No change to the record.\n")


def test_base_data_comes_from_git(tmp_path):
    """data/ at HEAD is read from git, not from the working tree."""
    folder = data_at_revision(ROOT, "HEAD", tmp_path)
    committed = subprocess.run(
        ["git", "-C", str(ROOT), "show", "HEAD:data/claims.yaml"], capture_output=True, text=True, check=True
    ).stdout
    assert (folder / "claims.yaml").read_text(encoding="utf-8") == committed

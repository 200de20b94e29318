"""The contributing guide's example works: a new contributor following it gets a strict build."""

from __future__ import annotations

import re

import pytest

from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError

from ..conftest import ROOT, TODAY
from .test_build import make_project, mkdocs_build

pytestmark = pytest.mark.slow
GUIDE = ROOT / "docs" / "contributing" / "index.md"


def guide_example() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"<!-- guide-example:start -->\n```yaml\n(.*?)```\n<!-- guide-example:end -->", text, re.S)
    assert block, "the guide's example block is missing"
    return block.group(1)


def among_its_date(text: str, entry: str) -> str:
    """The guide's step 3, 'add the event among the others of its date': after the real visit of that day."""
    start = text.index("  - id: 2005-10-hu-jintao-visits-pyongyang\n")
    after = text.index("\n  - id: ", start) + 1
    return text[:after] + entry.rstrip("\n") + "\n\n" + text[after:]


def test_the_guide_example_builds_and_a_mistake_is_located(real_data, tmp_path):
    """Add the guide's event, see a located error for a deliberate mistake, fix it, build strictly."""
    target = real_data.file("events/1998-2011.yaml")
    original = target.read_text(encoding="utf-8")
    broken = guide_example().replace('date: "2005-10-28"', 'date: "2005-10-32"')
    target.write_text(among_its_date(original, broken), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(real_data.path, today=TODAY)
    (problem,) = caught.value.problems
    assert problem.file == "data/events/1998-2011.yaml"
    assert problem.described.endswith("date: expected YYYY, YYYY-MM or YYYY-MM-DD, got '2005-10-32': October 2005 has 31 days")
    assert target.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip() == 'date: "2005-10-32"'

    target.write_text(among_its_date(original, guide_example()), encoding="utf-8")
    project = make_project(tmp_path, real_data.path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "events" / "2005-10-hu-jintao-visits-pyongyang-example" / "index.html"
    assert "Hu Jintao visits Pyongyang (guide example)" in page.read_text(encoding="utf-8")
    year = (tmp_path / "site" / "years" / "2005" / "index.html").read_text(encoding="utf-8")
    assert "2005-10-hu-jintao-visits-pyongyang-example" in year

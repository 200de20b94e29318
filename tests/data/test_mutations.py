"""Bad input at scale: random damage to the real dataset either validates cleanly or fails with
located errors. Never a traceback, and markup from the data never reaches a page unescaped."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lipsteeth.charts.catalogue import CHARTS
from lipsteeth.data.validate import load_dataset
from lipsteeth.errors import DataError
from lipsteeth.site import plan_for

from ..conftest import ROOT, TODAY

FILES = sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*.yaml"))
MARKUP = "<script>alert(1)</script>[x](javascript:alert(2))"
DRAWINGS = {name: "<svg></svg>" for name in CHARTS}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
RAW_BLOCKS = re.compile(r'<script type="application/ld\+json">.*?</script>|<figure\b[^>]*markdown="0".*?</figure>', re.S)


def delete_line(lines, at):
    return lines[:at] + lines[at + 1 :]


def duplicate_line(lines, at):
    return lines[: at + 1] + [lines[at]] + lines[at + 1 :]


def inject_markup(lines, at):
    line = lines[at]
    if ": " in line:
        key = line.split(": ", 1)[0]
        line = f'{key}: "{MARKUP}"\n'
    return lines[:at] + [line] + lines[at + 1 :]


def break_value_type(lines, at):
    line = lines[at]
    if ": " in line:
        line = line.split(": ", 1)[0] + ": [1, {a: 2}]\n"
    return lines[:at] + [line] + lines[at + 1 :]


def break_reference(lines, at):
    return lines[:at] + [lines[at].replace("kim-jong-il", "kim-jong-ill")] + lines[at + 1 :]


def truncate(lines, at):
    return lines[:at] + [lines[at][: len(lines[at]) // 2]]


MUTATIONS = [delete_line, duplicate_line, inject_markup, break_value_type, break_reference, truncate]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    name=st.sampled_from(FILES),
    mutation=st.sampled_from(MUTATIONS),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
)
def test_any_damage_is_reported_with_a_location_or_builds_safely(name, mutation, where):
    """Delete, duplicate, retype, mistype a reference, inject markup or truncate: located errors or a safe site."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        target = data / name
        lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
        target.write_text("".join(mutation(lines, int(where * len(lines)))), encoding="utf-8")
        try:
            dataset = load_dataset(data, today=TODAY)
        except DataError as exc:
            assert exc.problems, "a DataError must carry at least one problem"
            for problem in exc.problems:
                assert problem.file.startswith("data/") and problem.line >= 1 and problem.column >= 1, problem
                assert problem.message, problem
            return
        for path, content in plan_for(dataset, drawings=DRAWINGS).items():
            if path.endswith(".md"):
                # The front matter is YAML for the theme, attribute-escaped; the body is Markdown.
                body = content.split("\n---\n", 1)[1] if content.startswith("---\n") else content
                assert "<script>alert" not in content, path
                # JSON-LD and the SVG figures are raw HTML blocks, which Markdown leaves alone: data text
                # there is escaped JSON or XML (the '<script>alert' check above covers them).
                for block in JSON_LD.findall(body):
                    assert "<" not in block, path
                assert "](javascript:" not in RAW_BLOCKS.sub("", body), path

"""The built pages are valid HTML, as the Nu Html Checker (the W3C's validator, run locally from the
vnu-jar package) judges them. What the Material theme's own templates write is listed below with the
reason it is not ours to change; everything else, our pages' own markup, must have no error at all."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from ..conftest import ROOT

pytestmark = pytest.mark.slow

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors in the theme's templates (mkdocs-material's base.html and partials), not in what we render.
THEME = {
    # The drawer and search toggles are checkboxes with autocomplete="off" (partials in base.html).
    r"^Attribute “autocomplete” is only allowed when the input type is": "Material's drawer and search toggles",
    # Navigation labels render tabindex="" when a section has no index page (partials/nav-item.html).
    r"^Bad value “” for attribute “tabindex” on element “label”": "Material's navigation items",
    # The table-of-contents label points at the toggle Material hides on wide screens (partials/toc.html).
    r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control": "Material's toc",
}

# One page of every kind the site has, hand-written and generated.
SAMPLE = (
    "index.html",
    "analysis/index.html",
    "article/index.html",
    "method/index.html",
    "data/index.html",
    "timeline/index.html",
    "contributing/index.html",
    "contributing/fields/index.html",
    "claims/index.html",
    "people/index.html",
    "eras/index.html",
    "years/2000/index.html",
    "kinds/visit/index.html",
    "people/kim-jong-il/index.html",
    "events/2005-10-hu-jintao-visits-pyongyang/index.html",
    "data/changelog/index.html",
)


def validate(pages) -> list[dict]:
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("the Nu Html Checker needs `make install` (npm's vnu-jar) and Java (Debian's default-jre-headless)")
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def ours(messages) -> list[str]:
    return [
        f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not any(re.search(pattern, m["message"]) for pattern in THEME)
    ]


def test_our_markup_has_no_html_error(real_site):
    claim = next((real_site / "claims").glob("*/index.html"))
    pages = [real_site / page for page in SAMPLE] + [claim]
    assert [p for p in pages if not p.is_file()] == []
    assert ours(validate(pages)) == []


def test_the_checker_sees_an_error_we_would_make(tmp_path, real_site):
    """The check is live: a leftover markdown attribute and a style element in the body are reported."""
    page = (real_site / "index.html").read_text(encoding="utf-8")
    broken = page.replace("<article", '<article><p>text</p><style>p{}</style><figure markdown="0"></figure></article><article', 1)
    (tmp_path / "index.html").write_text(broken, encoding="utf-8")
    found = ours(validate([tmp_path / "index.html"]))
    assert any("“markdown” not allowed" in m for m in found) and any("“style” element" in m for m in found)

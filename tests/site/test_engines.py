"""Two engines, one site: the generation step (lipsteeth.generate) writes the site's sources once,
and MkDocs with Material (through its thin hook) and Zensical (with no hook at all) both build them."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from lipsteeth.generate import SOURCE

from ..conftest import ROOT, make_project
from .site_links import broken_links

pytestmark = pytest.mark.slow
pytest.importorskip("zensical", reason="zensical comes from requirements-zensical.lock: make build-zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    """The real record built by Zensical, as `make build-zensical` builds it."""
    from lipsteeth.tools.run_zensical import zensical_build

    project = make_project(tmp_path_factory.mktemp("zensical"), ROOT / "data")
    result = zensical_build(project, env={"SOURCE_DATE_EPOCH": "1780000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site-zensical"


def _html_pages(site) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _findings(site) -> str:
    """The text of the home page's findings: what follows 'What the record shows' up to the next paragraph
    that is not one of them."""
    tree = lxml_html.fromstring((site / "index.html").read_bytes())
    heading = tree.xpath("//h2[@id='what-the-record-shows']")[0]
    text = []
    for element in heading.itersiblings():
        if element.tag == "h2" or "The numbers above are computed" in element.text_content():
            break
        text.append(" ".join(element.text_content().split()))
    return "\n".join(text)


class TestBothEngines:
    def test_the_same_pages(self, real_site, zensical_site):
        """Every page MkDocs builds, Zensical builds, and no other."""
        assert _html_pages(zensical_site) == _html_pages(real_site)
        assert len(_html_pages(real_site)) > 400

    def test_no_fragment_is_left_unfilled(self, real_site, zensical_site):
        """No `<!-- lipsteeth:... -->` marker reaches a built page in either site."""
        for site in (real_site, zensical_site):
            assert [p for p in _html_pages(site) if "lipsteeth:" in (site / p).read_text(encoding="utf-8")] == []

    def test_the_same_findings_on_the_home_page(self, real_site, zensical_site):
        """The numbers the home page states are the same, filled in from the same snapshot."""
        findings = _findings(real_site)
        assert any(c.isdigit() for c in findings)
        assert _findings(zensical_site) == findings

    @pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
    def test_no_broken_internal_link(self, engine, real_site, zensical_site):
        assert broken_links(real_site if engine == "mkdocs" else zensical_site) == []

    def test_sharing_images_are_plain_files_both_engines_copy(self, real_site, zensical_site):
        """Each page's Open Graph image is written by the generation step, so both sites have them all."""
        for site in (real_site, zensical_site):
            assert (site / "assets" / "previews" / "home.png").is_file()
            page = (site / "events" / "2000-05-kim-jong-il-visits-beijing" / "index.html").read_text(encoding="utf-8")
            assert 'assets/previews/events--2000-05-kim-jong-il-visits-beijing.png"' in page


def test_the_folder_is_the_one_mkdocs_yml_builds():
    """mkdocs.yml's docs_dir and the generation step name the same folder."""
    assert f"docs_dir: {SOURCE}\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

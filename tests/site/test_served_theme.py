"""Under `serve`, the theme's templates are compiled and its files listed once per server, not at
every rebuild (mkdocs_extras.ServedTheme); what MkDocs finds in it is the same."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from lipsteeth.mkdocs_extras import ServedTheme


@pytest.fixture
def overrides(tmp_path):
    folder = tmp_path / "overrides"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "one.css").write_text("a {}")
    return folder


def _theme_files(theme: Theme, site_dir) -> list[str]:
    """The theme's files MkDocs copies into the site, as a build finds them."""
    files = Files([])
    config = SimpleNamespace(theme=theme, site_dir=str(site_dir), use_directory_urls=True)
    files.add_files_from_theme(theme.get_env(), config)
    return sorted(f.src_uri for f in files)


@pytest.fixture
def walks(monkeypatch):
    """How many times the theme's folders were walked."""
    count = []
    walk = jinja2.FileSystemLoader.list_templates
    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", lambda self: count.append(1) or walk(self))
    return count


class TestServedTheme:
    def test_the_files_are_listed_once_and_are_the_same(self, overrides, tmp_path, walks):
        """Two rebuilds (each with a new configuration, so a new theme, as MkDocs makes them) walk
        the theme's folders once, and find what MkDocs alone finds."""
        plain = _theme_files(Theme(name="material", custom_dir=str(overrides)), tmp_path)
        walks.clear()
        served = ServedTheme()
        found = []
        for _ in range(2):
            theme = Theme(name="material", custom_dir=str(overrides))
            served.serve(theme)
            found.append(_theme_files(theme, tmp_path))
        assert found == [plain, plain]
        assert "assets/one.css" in plain and any(p.startswith("assets/javascripts/") for p in plain)
        assert len(walks) == 1

    def test_a_file_added_to_the_overrides_is_found(self, overrides, tmp_path):
        served = ServedTheme()
        theme = Theme(name="material", custom_dir=str(overrides))
        served.serve(theme)
        assert "assets/two.css" not in _theme_files(theme, tmp_path)
        (overrides / "assets" / "two.css").write_text("b {}")
        assert "assets/two.css" in _theme_files(theme, tmp_path)

    def test_templates_are_compiled_once_per_server(self, overrides):
        served = ServedTheme()
        environments = []
        for _ in range(2):
            theme = Theme(name="material", custom_dir=str(overrides))
            served.serve(theme)
            environments.append(theme.get_env())
        assert environments[0].bytecode_cache is environments[1].bytecode_cache is served.templates

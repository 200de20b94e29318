"""The generation step: the site's sources computed once and written as plain files, only what
changed rewritten, only what it wrote ever removed."""

from __future__ import annotations

import fcntl
import importlib.util
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from lipsteeth import forked, generate, mkdocs_extras, site_sources
from lipsteeth.atomic import Stored, WriteFailed
from lipsteeth.charts import preview_cache
from lipsteeth.errors import DataError

from ..conftest import MINI, POSTPONED, ROOT


class TestWriteFolder:
    def test_an_unchanged_file_keeps_its_time_and_a_changed_one_is_rewritten(self, tmp_path):
        """Engines judge a page by its file's time: only a changed file may get a new one."""
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        assert generate.write_folder(folder, {"a.md": b"one", "b/c.md": b"two"}, manifest) == (["a.md", "b/c.md"], [])
        before = (folder / "a.md").stat().st_mtime_ns
        time.sleep(0.01)
        assert generate.write_folder(folder, {"a.md": b"one", "b/c.md": b"three"}, manifest) == (["b/c.md"], [])
        assert (folder / "a.md").stat().st_mtime_ns == before
        assert (folder / "b" / "c.md").read_bytes() == b"three"

    def test_what_a_run_saw_spares_the_next_reading_a_file_unchanged_since(self, tmp_path, monkeypatch):
        """Under serve the next run compares with what the last one saw; a file written since, even
        to the same size, is read, and rewritten."""
        folder, manifest, seen = tmp_path / "src", tmp_path / "manifest.json", {}
        generate.write_folder(folder, {"a.md": b"one", "b.md": b"two"}, manifest, seen)
        time.sleep(0.02)  # past the clock's tick: a file's times move in steps of a few milliseconds
        (folder / "b.md").write_bytes(b"owt")  # by hand, since: the same size and inode
        read = []
        original = Path.read_bytes
        monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or original(self))
        assert generate.write_folder(folder, {"a.md": b"one", "b.md": b"two"}, manifest, seen) == (["b.md"], [])
        assert read == ["b.md"]
        assert (folder / "b.md").read_bytes() == b"two"
        assert generate.write_folder(folder, {"a.md": b"uno", "b.md": b"two"}, manifest, seen) == (["a.md"], [])
        assert set(seen) == {"a.md", "b.md"} and seen["a.md"][0] == b"uno"

    def test_only_files_it_wrote_are_removed(self, tmp_path):
        """A page no longer planned goes; a file someone else put in the folder stays."""
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        generate.write_folder(folder, {"a.md": b"one", "old/gone.md": b"x"}, manifest)
        (folder / "mine.txt").write_text("not generated")
        assert generate.write_folder(folder, {"a.md": b"one"}, manifest) == ([], ["old/gone.md"])
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a.md", "mine.txt"]

    def test_a_manifest_cannot_name_a_file_outside_the_folder(self, tmp_path):
        """The manifest is read back as untrusted: '../x' or an absolute path is never removed."""
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        outside = tmp_path / "precious.txt"
        outside.write_text("keep")
        folder.mkdir()
        manifest.write_text(json.dumps(["../precious.txt", str(outside)]))
        generate.write_folder(folder, {"a.md": b"x"}, manifest)
        assert outside.read_text() == "keep"

    def test_what_a_cache_holds_is_linked_not_copied(self, tmp_path):
        """A sharing image already in the cache becomes the same file in the folder (no second copy
        to create), stamped as written now, so an engine comparing times copies it."""
        entry = tmp_path / "cache" / "key.png"
        entry.parent.mkdir()
        entry.write_bytes(b"png")
        os.utime(entry, (1, 1))  # an entry stored long ago
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        written = generate.write_folder(folder, {"p.png": Stored(b"png", entry)}, manifest)
        assert written == (["p.png"], [])
        assert (folder / "p.png").stat().st_ino == entry.stat().st_ino
        assert (folder / "p.png").stat().st_mtime > 1

    def test_a_linked_file_replaced_leaves_the_cache_as_it_was(self, tmp_path):
        """The folder's files are replaced whole (a new file), never written in place: a cached entry
        linked into it keeps its bytes when the folder's copy changes."""
        entry = tmp_path / "key.png"
        entry.write_bytes(b"old")
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        generate.write_folder(folder, {"p.png": Stored(b"old", entry)}, manifest)
        generate.write_folder(folder, {"p.png": b"new"}, manifest)
        assert (folder / "p.png").read_bytes() == b"new"
        assert entry.read_bytes() == b"old"

    def test_a_cache_entry_gone_meanwhile_is_written_from_its_bytes(self, tmp_path):
        """Another build may prune the entry between reading and linking it: the bytes are written."""
        folder, manifest = tmp_path / "src", tmp_path / "manifest.json"
        generate.write_folder(folder, {"p.png": Stored(b"png", tmp_path / "pruned.png")}, manifest)
        assert (folder / "p.png").read_bytes() == b"png"
        assert not list(tmp_path.glob(".*.tmp")) and not list(folder.glob(".*.tmp"))

    def test_two_runs_do_not_interleave(self, tmp_path):
        """The second run waits for the lock the first holds."""
        lock, order = tmp_path / "lock", []

        def second():
            with generate._locked(lock):
                order.append("second")

        with generate._locked(lock):
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(0.2)
            order.append("first")
        thread.join(timeout=10)
        assert order == ["first", "second"]


class TestFrontMatter:
    def test_fields_join_existing_front_matter(self):
        assert site_sources.with_front_matter("---\ndescription: x\n---\n# T\n", {"lastmod": "2026-01-02", "no": None}) == (
            "---\nlastmod: 2026-01-02\ndescription: x\n---\n# T\n"
        )

    def test_a_page_without_front_matter_gets_some(self):
        assert site_sources.with_front_matter("# T\n", {"preview": "assets/previews/t.png"}) == (
            "---\npreview: assets/previews/t.png\n---\n\n# T\n"
        )

    def test_the_heading_is_the_title_an_engine_shows(self):
        """Character references resolved and tags (the <bdi> around right-to-left text) dropped."""
        assert site_sources._heading("---\na: b\n---\n\n# <bdi>Kim &amp; Hu</bdi>\n\n## Not this\n") == "Kim & Hu"


@pytest.fixture
def project(tmp_path):
    """The site's configuration around the small fixture (no git history: no lastmod dates)."""
    for name in ("mkdocs.yml", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path


class TestGenerate:
    def test_every_page_and_file_is_written_once_then_nothing(self, project):
        """The first run writes the sources; a second run on the same data rewrites nothing."""
        first = generate.generate(project)
        folder = project / generate.SOURCE
        assert {"index.md", "method.md", "timeline.md", "assets/lipsteeth.css", "assets/lipsteeth-marks.css"} <= set(
            first.written
        )
        assert "assets/previews/home.png" in first.written
        assert "lipsteeth:" not in (folder / "method.md").read_text(encoding="utf-8")
        assert "preview: assets/previews/home.png\n" in (folder / "index.md").read_text(encoding="utf-8")
        again = generate.generate(project)
        assert (again.written, again.removed) == ([], [])

    def test_each_sharing_image_is_its_cache_entry(self, project):
        """A cold run creates each image once, in the cache; the sources link it (same file)."""
        generate.generate(project)
        cached = {p.stat().st_ino for p in (project / ".cache" / "lipsteeth" / "previews").glob("*.png")}
        linked = {p.stat().st_ino for p in (project / generate.SOURCE / "assets" / "previews").glob("*.png")}
        assert linked and linked == cached

    def test_parses_are_kept_only_when_asked(self, project, monkeypatch):
        """Under serve (keep_parses) the next run parses only the file a save changed, and its page
        shows the change; a build keeps no parse (110 MB at 10,000 events) for a run that never comes."""
        from lipsteeth.data import load

        monkeypatch.setattr(load, "_PARSED", {})
        generate.generate(project, previews=False)
        assert load._PARSED == {}
        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text(encoding="utf-8").replace("title: First nuclear test", "title: A title"))
        generate.generate(project, previews=False, keep_parses=True)
        assert "data/people.yaml" in load._PARSED
        people = load._PARSED["data/people.yaml"]
        events.write_text(events.read_text(encoding="utf-8").replace("title: A title", "title: A new title"))
        result = generate.generate(project, previews=False, keep_parses=True)
        assert load._PARSED["data/people.yaml"] is people
        assert "events/2006-10-first-nuclear-test.md" in result.written
        assert "# A new title" in (project / generate.SOURCE / "events" / "2006-10-first-nuclear-test.md").read_text()

    def test_a_new_title_under_serve_reuses_the_answer_and_writes_what_a_build_would(
        self, project, tmp_path_factory, monkeypatch
    ):
        """Under serve, a save that changes only a title is not analysed again (analyse.kept): the
        answer the last run worked out is handed on, with the new title, and every file is as a
        first run on the edited data writes it."""
        from lipsteeth.analyse import kept

        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text(encoding="utf-8").replace("    secret: true\n", POSTPONED))
        generate.generate(project, previews=False, keep_parses=True)
        visit = "title: Kim Jong-il makes a secret visit to Beijing"
        events.write_text(events.read_text(encoding="utf-8").replace(visit, "title: A <new> title"))
        with monkeypatch.context() as patched:
            patched.setattr(kept, "answer", lambda *args: pytest.fail("the answer was worked out again"))
            generate.generate(project, previews=False, keep_parses=True)
        first = tmp_path_factory.mktemp("first")
        for name in ("mkdocs.yml", "docs", "data"):
            source = project / name
            (shutil.copytree if source.is_dir() else shutil.copy)(source, first / name)
        generate.generate(first, previews=False)

        def files(root):
            folder = root / generate.SOURCE
            return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

        assert files(project) == files(first)
        # the postponed visit, which the analysis page names from the answer
        assert "[A &lt;new&gt; title](events/2000-05-kim-jong-il-visits-china.md)" in files(project)["analysis.md"].decode()

    def test_a_deleted_event_takes_its_page_and_nothing_else(self, project):
        """An event removed from the data loses its page; an editor's file in the folder stays."""
        extra = project / "data" / "events" / "extra.yaml"
        source = {"url": "https://example.org/x", "publisher": "Example", "title": "A page"}
        event = {
            "id": "2001-01-a-talk",
            "date": "2001-01",
            "kind": "talks",
            "title": "A talk",
            "summary": "s",
            "sources": [source],
        }
        extra.write_text(yaml.safe_dump({"events": [event]}), encoding="utf-8")
        assert "events/2001-01-a-talk.md" in generate.generate(project).written
        folder = project / generate.SOURCE
        (folder / "notes.txt").write_text("an editor's file")
        extra.unlink()
        result = generate.generate(project)
        assert "events/2001-01-a-talk.md" in result.removed
        assert not (folder / "events" / "2001-01-a-talk.md").exists()
        assert (folder / "notes.txt").read_text() == "an editor's file"

    def test_broken_data_writes_nothing(self, project):
        """Every problem, located, before any file is touched."""
        generate.generate(project)
        folder = project / generate.SOURCE
        before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
        events = project / "data" / "events" / "events.yaml"
        events.write_text(events.read_text(encoding="utf-8").replace("date: 2006-10-09", "date: 2006-13-09"))
        with pytest.raises(DataError, match="data/events/events.yaml:35:11: events"):
            generate.generate(project)
        assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before

    def test_a_misspelt_fragment_is_a_located_error(self, project):
        page = project / "docs" / "method.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n<!-- lipsteeth:nuclear-test -->\n", encoding="utf-8")
        with pytest.raises(DataError) as caught:
            generate.generate(project)
        (problem,) = caught.value.problems
        assert str(problem).startswith("docs/method.md:")
        assert "no chart or fragment is called <!-- lipsteeth:nuclear-test -->" in str(problem)


class TestForZensical:
    def test_raw_html_links_become_relative_to_the_source_file(self):
        """timeline.md is served at timeline/: MkDocs keeps '../events/x/'; Zensical reads a raw-HTML
        link from the source file's folder, so it gets 'events/x/' (and turns it back into '../events/x/')."""
        page = b'<a href="../events/x/">x</a> <a xlink:href="../events/x/">y</a> [z](events/x.md) <a href="https://e.org/">w</a>'
        assert generate.for_zensical("timeline.md", page) == (
            b'<a href="events/x/">x</a> <a xlink:href="../events/x/">y</a> [z](events/x.md) <a href="https://e.org/">w</a>'
        )

    def test_an_index_page_is_served_where_its_source_is(self):
        assert generate.for_zensical("people/index.md", b'<a href="../events/x/">x</a>') == b'<a href="../events/x/">x</a>'
        assert generate.for_zensical("data/events.csv", b'href="../x"') == b'href="../x"'


def _files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _gated_drawing(monkeypatch, gate: Path) -> None:
    """The sharing images are drawn only once `gate` exists (the forked process inherits this)."""
    real = preview_cache.draw_all

    def draw_all(requests, workers=None):
        while not gate.exists():
            time.sleep(0.01)
        return real(requests, workers)

    monkeypatch.setattr(preview_cache, "draw_all", draw_all)


def _is_locked(path: Path) -> bool:
    descriptor = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


class TestDrawnBehind:
    """`mkdocs build` has the sharing images drawn by a forked process while it converts the pages."""

    def test_the_folder_made_is_the_one_made_in_line(self, project, tmp_path):
        in_line = tmp_path / "in-line"
        shutil.copytree(project, in_line)
        result = generate.generate(project, draw_behind=True)
        assert result.behind is not None, "the images were drawn in line: this test tests nothing"
        folder = project / generate.SOURCE
        assert {p.relative_to(folder).as_posix() for p in folder.glob("assets/previews/*.png")} <= result.behind.names
        assert "assets/previews/home.png" in result.behind.names and "assets/previews/home.png" not in result.written
        result.behind.wait()
        generate.generate(in_line)
        assert _files_of(folder) == _files_of(in_line / generate.SOURCE)
        manifest = ".cache/site-src.manifest.json"
        assert (project / manifest).read_bytes() == (in_line / manifest).read_bytes()
        assert generate.generate(project, draw_behind=True).snapshot is None  # recorded as made: reused

    def test_the_folder_stays_locked_and_unrecorded_until_the_images_are_written(self, project, monkeypatch, tmp_path):
        gate = tmp_path / "gate"
        _gated_drawing(monkeypatch, gate)
        result = generate.generate(project, draw_behind=True)
        lock, record = (project / ".cache" / f"site-src.{name}" for name in ("lock", "inputs.json"))
        home = project / generate.SOURCE / "assets" / "previews" / "home.png"
        time.sleep(0.3)  # time enough for a record written too early to show
        assert _is_locked(lock) and not record.exists() and not home.exists()
        gate.touch()
        result.behind.wait()
        assert not _is_locked(lock) and record.exists() and home.exists()

    def test_mkdocs_copies_them_once_they_are_written(self, project, monkeypatch, tmp_path):
        """MkDocs' own list leaves them out (it would copy what an earlier build left there);
        the hook copies them at the end of the build."""
        from mkdocs.structure.files import File, Files

        gate = tmp_path / "gate"
        _gated_drawing(monkeypatch, gate)
        result = generate.generate(project, draw_behind=True)
        folder, site = project / generate.SOURCE, tmp_path / "site"
        listed = Files([File(name, str(folder), str(site), True) for name in ("index.md", "assets/previews/home.png")])
        assert [f.src_uri for f in mkdocs_extras.without_drawn_behind(listed, result)] == ["index.md"]
        gate.touch()
        mkdocs_extras.copy_drawn_behind(result, site)
        copied = {p.relative_to(site).as_posix() for p in site.rglob("*.png")}
        assert copied == result.behind.names
        assert (site / "assets/previews/home.png").read_bytes() == (folder / "assets/previews/home.png").read_bytes()

    def test_an_image_an_earlier_run_wrote_stays_until_its_drawing_replaces_it(self, project, monkeypatch, tmp_path):
        generate.generate(project)
        home = project / generate.SOURCE / "assets" / "previews" / "home.png"
        earlier = home.read_bytes()
        shutil.rmtree(project / ".cache" / "lipsteeth" / "previews")  # drawn again, behind
        (project / "data" / "people.yaml").write_text((project / "data" / "people.yaml").read_text() + "\n# edited\n")
        gate = tmp_path / "gate"
        _gated_drawing(monkeypatch, gate)
        result = generate.generate(project, draw_behind=True)
        assert "assets/previews/home.png" in result.behind.names and "assets/previews/home.png" not in result.removed
        assert home.read_bytes() == earlier  # not removed as no longer planned
        gate.touch()
        result.behind.wait()
        assert home.read_bytes() == earlier

    def test_a_record_that_cannot_be_saved_costs_only_the_next_run(self, project, monkeypatch):
        def full_disk(*args):
            raise WriteFailed("could not write the record: No space left on device")

        monkeypatch.setattr(generate.reuse, "remember", full_disk)
        result = generate.generate(project, draw_behind=True)
        result.behind.wait()  # the images were drawn: the build goes on
        assert (project / generate.SOURCE / "assets" / "previews" / "home.png").is_file()

    def test_an_image_gone_before_it_is_copied_fails_the_build_with_a_message(self, project, tmp_path):
        from mkdocs.exceptions import PluginError

        result = generate.generate(project, draw_behind=True)
        result.behind.wait()
        (project / generate.SOURCE / "assets" / "previews" / "home.png").unlink()  # another run's doing
        with pytest.raises(
            PluginError, match=r"^lipsteeth: a sharing image could not be copied into the site \(.*\); build again$"
        ):
            mkdocs_extras.copy_drawn_behind(result, tmp_path / "site")

    def test_a_failed_build_stops_the_drawing(self, project, monkeypatch, tmp_path):
        gate = tmp_path / "gate"  # never opened: the drawing waits until stopped
        _gated_drawing(monkeypatch, gate)
        spec = importlib.util.spec_from_file_location("hooks_under_test", ROOT / "scripts" / "mkdocs_hooks.py")
        hooks = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hooks)
        hooks._state["generated"] = result = generate.generate(project, draw_behind=True)
        started = time.monotonic()
        hooks.on_build_error(error=RuntimeError("a broken link"))
        assert time.monotonic() - started < 20
        with pytest.raises(forked.BehindFailed, match="stopped"):
            result.behind.wait()
        assert not (project / ".cache" / "site-src.inputs.json").exists()

    def test_a_failure_behind_is_told_and_the_next_run_starts_again(self, project, monkeypatch):
        def no_fonts(requests, workers=None):
            raise RuntimeError("no fonts here")

        monkeypatch.setattr(preview_cache, "draw_all", no_fonts)
        result = generate.generate(project, draw_behind=True)
        with pytest.raises(forked.BehindFailed, match="^RuntimeError: no fonts here$"):
            result.behind.wait()
        monkeypatch.undo()
        again = generate.generate(project, draw_behind=True)
        assert again.snapshot is not None and again.behind is not None  # not taken for a finished run
        again.behind.wait()
        assert (project / generate.SOURCE / "assets" / "previews" / "home.png").is_file()

    def test_images_the_cache_holds_are_linked_in_line(self, project):
        generate.generate(project)
        shutil.rmtree(project / generate.SOURCE)
        result = generate.generate(project, draw_behind=True)
        assert result.behind is None and "assets/previews/home.png" in result.written

    def test_a_process_with_threads_draws_in_line(self, project, monkeypatch):
        monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
        result = generate.generate(project, draw_behind=True)
        assert result.behind is None and "assets/previews/home.png" in result.written


def test_mkdocs_yml_is_parsed_once_per_text(tmp_path, monkeypatch):
    """The navigation's titles and the site's name are read from mkdocs.yml at every build (every
    save under serve): parsed once per text of the file, and again when it changes."""
    parsed = []
    real_load = site_sources.yaml.load
    monkeypatch.setattr(site_sources.yaml, "load", lambda text, **k: parsed.append(text) or real_load(text, **k))
    site_sources._parsed_config.cache_clear()
    (tmp_path / "mkdocs.yml").write_text("site_name: One\nnav:\n  - Home: index.md\n", encoding="utf-8")
    assert site_sources._site_config(tmp_path)["site_name"] == "One"
    assert site_sources._site_config(tmp_path)["site_name"] == "One"
    assert len(parsed) == 1
    (tmp_path / "mkdocs.yml").write_text("site_name: Two\n", encoding="utf-8")
    assert site_sources._site_config(tmp_path)["site_name"] == "Two"
    assert len(parsed) == 2

"""`mkdocs serve` as an editor uses it: broken data shows its problems in the browser and the
terminal, and a fix brings the site back; an edit to the package's code is picked up."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ..conftest import MINI, TEST, make_project

pytestmark = pytest.mark.slow
EVENT_PAGE = f"events/{TEST}/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        return f"(no answer: {exc})"


def _wait_for(url: str, condition, within: float = 90.0) -> str:
    """The page at `url` once `condition(page)` holds (polled: a rebuild takes a few seconds)."""
    deadline = time.monotonic() + within
    page = ""
    while time.monotonic() < deadline:
        page = _get(url)
        if condition(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"{url} never met the condition; last answer:\n{page[:2000]}")


@pytest.fixture
def server(tmp_path):
    project = make_project(tmp_path, MINI, cache=False)  # its own: a test looks inside
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        # as `make serve` runs it: only the pages whose Markdown changed are rebuilt
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        start_new_session=True,
    )
    yield project, f"http://127.0.0.1:{port}/", tmp_path / "serve.log"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)
    log.close()


def test_broken_data_shows_its_problems_in_the_browser_until_fixed(server):
    project, base, log = server
    events = project / "data" / "events" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    page = _wait_for(base + EVENT_PAGE, lambda p: "<h1" in p and "First nuclear test" in p)
    assert "livereload" in page  # the served page reloads itself when a rebuild finishes

    events.write_text(good.replace("date: 2006-10-09", "date: 2006-13-09"), encoding="utf-8")
    broken = _wait_for(base + EVENT_PAGE, lambda p: "The data has problems" in p)
    assert (
        "data/events/events.yaml:35:11: events[2].date: expected YYYY, YYYY-MM or YYYY-MM-DD, got &#x27;2006-13-09&#x27;"
        in broken
    )
    assert "livereload" in broken
    assert "<title>The data has problems - Lips and Teeth</title>" in broken  # the browser's tab says so too
    home = _get(base)
    assert "The data has problems" in home and "there is no month 13" in home
    assert "there is no month 13" in log.read_text(encoding="utf-8")  # the terminal says it too

    events.write_text(good, encoding="utf-8")
    _wait_for(base + EVENT_PAGE, lambda p: "First nuclear test" in p and "The data has problems" not in p)
    assert "lipsteeth: the data is valid again; the site is back." in log.read_text(encoding="utf-8")


def test_an_edit_rebuilds_what_shows_it_and_keeps_the_rest(server):
    """A new title reaches its event page, the year and the timeline; pages it is not on are not
    rewritten; the search still finds the hand-written pages the theme did not index again."""
    project, base, _ = server
    events = project / "data" / "events" / "events.yaml"
    _wait_for(base + EVENT_PAGE, lambda p: "First nuclear test" in p)
    site = _site_dir(base)
    other = site / "people" / "jiang-zemin" / "index.html"  # his page lists only the 2000 visit
    before = other.stat().st_mtime_ns
    events.write_text(events.read_text(encoding="utf-8").replace("title: First nuclear test", "title: The first test"), "utf-8")
    _wait_for(base + EVENT_PAGE, lambda p: "The first test" in p)
    assert "The first test" in _get(base + "years/2006/") and "The first test" in _get(base + "timeline/")
    assert other.stat().st_mtime_ns == before
    index = json.loads(_get(base + "search/search_index.json"))
    locations = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert {"method/", "data/", f"events/{TEST}/"} <= locations
    assert any("The first test" in doc["title"] for doc in index["docs"])


def _site_dir(base: str) -> Path:
    """Where the server writes the site: MkDocs serves a temporary folder; its 404 page names no path,
    so find it by the page just fetched."""
    candidates = sorted(Path(tempfile.gettempdir()).glob("mkdocs_*/events"), key=lambda p: p.stat().st_mtime_ns)
    assert candidates, "no served site folder found"
    return candidates[-1].parent


def test_problems_are_escaped_on_the_error_page(server):
    """A broken value is shown as text: the error page is as safe as the site."""
    project, base, _ = server
    events = project / "data" / "events" / "events.yaml"
    _wait_for(base, lambda p: "<h1" in p)
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("kind: nuclear-test", "kind: <script>alert(1)</script>"), encoding="utf-8")
    broken = _wait_for(base + EVENT_PAGE, lambda p: "The data has problems" in p)
    assert "<script>alert(1)" not in broken and "&lt;script&gt;alert(1)" in broken


def test_an_edit_to_the_package_is_picked_up_without_restarting(tmp_path):
    """MkDocs loads the hook once; the hook imports lipsteeth afresh when a source file changed, and
    lets go of what the old modules made. Run in a child process, so this test's own imports are left alone."""
    script = textwrap.dedent(
        """
        import importlib.util, os, sys, types
        spec = importlib.util.spec_from_file_location("hooks", sys.argv[1])
        hooks = importlib.util.module_from_spec(spec); spec.loader.exec_module(hooks)
        hooks.on_startup(command="serve", dirty=False)
        config = types.SimpleNamespace(theme=types.SimpleNamespace(get_env=None))
        hooks.on_config(config)
        first = hooks._lipsteeth("urls")
        hooks.on_config(config)
        unchanged = hooks._lipsteeth("urls") is first
        path = first.__file__
        stat = os.stat(path)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        try:
            hooks.on_config(config)
            reloaded = hooks._lipsteeth("urls") is not first
            # the theme's compiled templates are made by the new modules too, not kept from the old
            theme = type(hooks._state["theme"]) is hooks._lipsteeth("mkdocs_extras").ServedTheme
        finally:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        print(unchanged, reloaded, theme)
        """
    )
    from ..conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "scripts" / "mkdocs_hooks.py")], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "True"], result.stderr


@pytest.mark.parametrize(("command", "frozen"), [("serve", True), ("build", False)])
def test_what_the_first_build_leaves_is_kept_out_of_collections_under_serve(command, frozen):
    """Under serve, the objects alive after the first build are frozen (gc.freeze), so later full
    collections do not walk them again at every few saves; a one-shot build leaves the collector alone.
    Run in a child process, so this test's own heap is left alone."""
    script = textwrap.dedent(
        """
        import gc, importlib.util, sys
        spec = importlib.util.spec_from_file_location("hooks", sys.argv[1])
        hooks = importlib.util.module_from_spec(spec); spec.loader.exec_module(hooks)
        hooks.on_startup(command=sys.argv[2], dirty=False)
        hooks._state["broken"] = "a problem"  # the build showed the problems page: nothing else to finish
        hooks.on_post_build(None)
        print(gc.get_freeze_count() > 0)
        """
    )
    from ..conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "scripts" / "mkdocs_hooks.py"), command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [str(frozen)], result.stderr


def _search_docs(base: str) -> list[dict]:
    answer = _get(base + "search/search_index.json")
    return json.loads(answer)["docs"] if answer.startswith("{") else []


def test_rebuilds_add_each_search_entry_once(server):
    """Every save rebuilt the home page and added its search entries again (three more each time):
    after three saves, the index holds the same entries as after the first build, each once."""
    project, base, _ = server
    events = project / "data" / "events" / "events.yaml"
    _wait_for(base + EVENT_PAGE, lambda p: "First nuclear test" in p)
    first = sorted(d["location"] for d in _search_docs(base))
    assert "" in first and len(first) == len(set(first))
    title = "First nuclear test"
    for new in ("The first test", "A first test", "The test of 2006"):
        events.write_text(events.read_text(encoding="utf-8").replace(f"title: {title}", f"title: {new}"), "utf-8")
        title = new
        _wait_for(base + "search/search_index.json", lambda answer, new=new: new in answer)
    assert sorted(d["location"] for d in _search_docs(base)) == first


def test_a_save_during_a_rebuild_is_said_in_one_line(server):
    """An editor saving while a rebuild runs (the file rewritten in two steps, as some editors do):
    no traceback, one line that says the rebuild used the data as it was, and the site served
    with the last save."""
    project, base, log = server
    events = project / "data" / "events" / "events.yaml"
    good = events.read_text(encoding="utf-8")
    _wait_for(base + EVENT_PAGE, lambda p: "First nuclear test" in p)
    said = "changed during this rebuild, which used the data as it was when it began; the next rebuild reads the change"
    deadline, saves = time.monotonic() + 90, 0
    while said not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
        saves += 1
        text = good.replace("title: First nuclear test", f"title: Save {saves}")
        with events.open("w", encoding="utf-8") as out:
            out.write(text[: len(text) // 2])
            out.flush()
            time.sleep(0.02)
            out.write(text[len(text) // 2 :])
        time.sleep(0.15)
    events.write_text(good.replace("title: First nuclear test", "title: The last save"), encoding="utf-8")
    _wait_for(base + EVENT_PAGE, lambda p: "The last save" in p and "The data has problems" not in p)
    output = log.read_text(encoding="utf-8")
    assert f"INFO    -  lipsteeth: data/events/events.yaml {said}\n" in output
    assert "Traceback" not in output and "An error happened during the rebuild" not in output


def test_sharing_images_are_not_drawn_while_serving(server):
    """Nobody shares a page from a local server: its previews are left out (LIPSTEETH_PREVIEWS=1 draws them)."""
    project, url, _ = server
    _wait_for(url + EVENT_PAGE, lambda page: "og:image" in page)
    assert "404" in _get(url + "assets/previews/home.png")
    assert not (project / ".cache" / "lipsteeth" / "previews").exists()


def test_the_watched_folders_are_polled_every_tenth_of_a_second(tmp_path):
    """MkDocs polls every 0.5 s (a save waited 0.25 s on average before its rebuild began): the hook
    has the folders of mkdocs.yml's `watch`, scheduled after it, polled every 0.1 s."""
    import importlib.util

    from mkdocs.livereload import LiveReloadServer

    from ..conftest import ROOT

    spec = importlib.util.spec_from_file_location("hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    sources, data = tmp_path / "site-src", tmp_path / "data"
    sources.mkdir(), data.mkdir()
    try:
        server.watch(str(sources))  # as `mkdocs serve` does before the hook
        assert server.observer.timeout == 0.5
        hooks.on_serve(server, type("Config", (), {"docs_dir": str(sources)})(), None)
        server.watch(str(data))  # as it does with mkdocs.yml's `watch` folders after it
        (emitter,) = server.observer.emitters
        assert emitter.watch.path == str(data)
        assert emitter.timeout == hooks.POLL_SECONDS == 0.1
    finally:
        server.server_close()


def test_a_rebuild_waits_a_fiftieth_of_a_second_for_more_changes(tmp_path):
    """MkDocs waits 0.1 s after a change for others to come with it; the events of one poll come
    microseconds apart, so the hook has it wait 0.02 s."""
    import importlib.util

    from mkdocs.livereload import LiveReloadServer

    from ..conftest import ROOT

    spec = importlib.util.spec_from_file_location("hooks", ROOT / "scripts" / "mkdocs_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    sources = tmp_path / "site-src"
    sources.mkdir()
    try:
        server.watch(str(sources))
        assert server.build_delay == 0.1
        hooks.on_serve(server, type("Config", (), {"docs_dir": str(sources)})(), None)
        assert server.build_delay == hooks.SETTLE_SECONDS == 0.02
    finally:
        server.server_close()

"""`lipsteeth new`: entries land in the right place and nothing else in the file changes."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from lipsteeth.cli import main
from lipsteeth.data.dates import PartialDate
from lipsteeth.tools.editing import EntryRejected, add_event, add_person, propose_id

EV = "events/events.yaml"
SOURCE = [{"url": "https://example.org/new", "publisher": "Example News", "title": "A new page"}]


def fields(**overrides):
    base = {
        "date": "2003-10-29",
        "kind": "visit",
        "title": "Wu Bangguo visits Pyongyang",
        "summary": "A visit.",
        "people": [],
        "sources": SOURCE,
    }
    base.update({"from": "CN", "to": "KP", "purpose": "working", "level": "top"})
    base.update(overrides)
    return base


class TestAddEvent:
    def test_inserted_in_date_order_and_nothing_else_changes(self, mini):
        """The new entry goes between the 2000 visit and the 2006 test; every other line is untouched."""
        before = mini.file(EV).read_text()
        mini.write(EV, "# A comment the editor wrote\n" + before)
        before = mini.file(EV).read_text()
        path, new_id = add_event(mini.path, fields())
        after = path.read_text()
        assert new_id == "2003-10-wu-bangguo-visits-pyongyang"
        cut = before.index("  - id: 2006-10")
        entry = after[cut : after.index("  - id: 2006-10")]
        assert entry.startswith('  - id: 2003-10-wu-bangguo-visits-pyongyang\n    date: "2003-10-29"\n    kind: visit\n')
        assert after == before[:cut] + entry + before[cut:]
        assert mini.problems() == []

    def test_a_later_event_is_appended(self, mini):
        """An event after every other goes at the end."""
        path, _ = add_event(mini.path, fields(date="2010"))
        assert path.read_text().rstrip().endswith("title: A new page")

    def test_invalid_entry_is_refused_and_the_file_is_untouched(self, mini):
        """Each problem with the new entry names the option that gave it, and nothing is written."""
        before = mini.file(EV).read_text()
        with pytest.raises(EntryRejected) as caught:
            add_event(
                mini.path,
                fields(people=["jiang-zeming"], sources=[{"url": "javascript:alert(1)", "publisher": "x", "title": "y"}]),
            )
        assert caught.value.reasons == [
            "--people: unknown person 'jiang-zeming'; expected an id from data/people.yaml (did you mean 'jiang-zemin'?)",
            "--source-url: expected an http:// or https:// address, got 'javascript:alert(1)'",
        ]
        assert mini.file(EV).read_text() == before

    def test_an_end_before_the_start_names_the_option(self, mini):
        """A meaning check on the new entry is also said of its option."""
        with pytest.raises(EntryRejected) as caught:
            add_event(mini.path, fields(end="2003-10-01"))
        assert caught.value.reasons == ["--end: expected a date on or after the start (2003-10-29), got '2003-10-01'"]

    def test_a_year_no_file_is_named_for_is_refused(self, mini):
        """With year-named files, an event from a year none covers is not put in the wrong one."""
        mini.file(EV).rename(mini.file("events/1998-2011.yaml"))
        with pytest.raises(ValueError, match="no file in data/events/ is named for 1950"):
            add_event(mini.path, fields(date="1950"))

    def test_proposed_ids_are_unique(self):
        """A taken id gets -2, then -3."""
        date = PartialDate.parse("2000-05-29")
        taken = {"2000-05-kim-visits", "2000-05-kim-visits-2"}
        assert propose_id(date, "Kim visits", taken) == "2000-05-kim-visits-3"
        assert propose_id(PartialDate.parse("1998"), "Taepodong-1 über Japan!", set()) == "1998-taepodong-1-uber-japan"


class TestAddPerson:
    def test_person_is_appended_with_native_names(self, mini):
        """A new person gets an id from the name and keeps the scripts given."""
        path, new_id = add_person(
            mini.path,
            {
                "name": "Wu Bangguo",
                "country": "CN",
                "names": {"hanzi": "吴邦国"},
                "aliases": ["Wu Pang-kuo"],
                "roles": [{"title": "Vice-Premier"}],
            },
        )
        assert new_id == "wu-bangguo"
        assert path.read_text().endswith(
            "  - id: wu-bangguo\n    name: Wu Bangguo\n    names:\n      hanzi: 吴邦国\n    aliases: [Wu Pang-kuo]\n    country: CN\n    roles:\n      - title: Vice-Premier\n"
        )
        assert mini.problems() == []

    def test_a_new_person_is_offered_by_the_editors_schema_at_once(self, mini, capsys):
        """`new person` regenerates the schemas, so the new id is not underlined in the next event typed."""
        from lipsteeth.data.schema import write_schemas

        write_schemas(mini.path / "schemas", ["jiang-zemin", "kim-jong-il"])
        assert (
            main(
                [
                    "--data",
                    str(mini.path),
                    "new",
                    "person",
                    "--name",
                    "Wu Bangguo",
                    "--country",
                    "CN",
                    "--role-title",
                    "Vice-Premier",
                ]
            )
            == 0
        )
        schema = json.loads((mini.path / "schemas" / "events.schema.json").read_text(encoding="utf-8"))
        assert "wu-bangguo" in schema["$defs"]["Event"]["properties"]["people"]["items"]["enum"]
        assert "editors now offer 'wu-bangguo'" in capsys.readouterr().out


class TestCommand:
    def test_missing_fields_without_a_terminal_are_named(self, mini, capsys, monkeypatch):
        """In CI (no terminal to ask) the command says which options are missing."""
        monkeypatch.setattr("sys.stdin.isatty", lambda: False)
        assert main(["--data", str(mini.path), "new", "event", "--date", "2003"]) == 2
        assert "missing --kind, --title, --summary, --source-url, --source-publisher, --source-title" in capsys.readouterr().err

    def test_prompts_for_what_is_missing(self, mini, monkeypatch, capsys):
        """At a terminal, each missing field is asked for, the optional ones skipped with Enter, and
        the proposed id taken with Enter."""
        answers = iter(
            [
                "",
                "",
                "",
                "",
                "",
                "Wu Bangguo visits Pyongyang",
                "A visit.",
                "",
                "https://example.org/a",
                "Example News",
                "Headline",
                "",
                "",
            ]
        )  # end, people, place, secret, postponed; title, summary, note; the source; no other source; the id
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)
        monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
        code = main(
            ["--data", str(mini.path), "new", "event", "--date", "2003-10", "--kind", "visit", "--from", "CN", "--to", "KP",
             "--purpose", "working", "--level", "top"]
        )  # fmt: skip
        assert code == 0
        assert "added 2003-10-wu-bangguo-visits-pyongyang" in capsys.readouterr().out


class TestNothingIsLost:
    """`lipsteeth new` writes an editor's file: whatever happens, the file is whole, old or new."""

    def test_crlf_line_endings_and_the_byte_order_mark_are_kept(self, mini):
        """A Windows editor's file (CRLF, saved with a BOM) stays so: the new file is the old one with
        a block of CRLF lines added, and not one other byte changed."""
        original = b"\xef\xbb\xbf" + mini.file(EV).read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8")
        mini.file(EV).write_bytes(original)
        add_event(mini.path, fields())
        after = mini.file(EV).read_bytes()
        before_lines, after_lines = original.splitlines(keepends=True), after.splitlines(keepends=True)
        start = next(i for i, (a, b) in enumerate(zip(before_lines, after_lines, strict=False)) if a != b)
        added = after_lines[start : start + len(after_lines) - len(before_lines)]
        assert after_lines[:start] + after_lines[start + len(added) :] == before_lines
        assert added[0] == b"  - id: 2003-10-wu-bangguo-visits-pyongyang\r\n"
        assert all(line.endswith(b"\r\n") for line in added)
        assert mini.problems() == []

    def test_an_insertion_is_only_added_lines(self, mini):
        """Compared line by line, the new file is the old one with a block of lines added."""
        before = mini.file(EV).read_text(encoding="utf-8").splitlines(keepends=True)
        add_event(mini.path, fields())
        after = mini.file(EV).read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b)
        added = len(after) - len(before)
        assert after[:start] + after[start + added :] == before
        assert after[start] == "  - id: 2003-10-wu-bangguo-visits-pyongyang\n" and after[start + added - 1] == "\n"

    def test_a_file_without_a_final_newline_still_has_none(self, mini):
        """Appended at the end, the entry keeps the file's missing final newline."""
        mini.write(EV, mini.file(EV).read_text(encoding="utf-8").rstrip("\n"))
        add_event(mini.path, fields(date="2010"))
        text = mini.file(EV).read_text(encoding="utf-8")
        assert not text.endswith("\n") and text.endswith("title: A new page")
        assert mini.problems() == []

    def test_a_full_disk_leaves_the_file_untouched(self, mini, monkeypatch, capsys):
        """The disk fills up while the new file is written: the old file is whole, no temporary
        file is left behind, and the message says so plainly (no 'internal error')."""
        before = mini.file(EV).read_bytes()

        def full(descriptor):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("os.fsync", full)
        code = main(["--data", str(mini.path), "new", "event", *options()])
        assert code == 1
        assert mini.file(EV).read_bytes() == before
        assert sorted(p.name for p in (mini.path / "events").iterdir()) == ["events.yaml"]
        assert capsys.readouterr().err == (
            "lipsteeth: could not write data/events/events.yaml: No space left on device; data/events/events.yaml is unchanged\n"
        )

    def test_a_read_only_file_system_gives_the_reason(self, mini, monkeypatch, capsys):
        """No permission to write: the reason, not 'internal error, please report it'. (Made this way
        because root, as CI runs, may write into a folder marked read-only.)"""

        real_open = os.open

        def refuse(path, *args, **kwargs):
            if str(path).endswith(".tmp"):  # the temporary file beside the data file
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("os.open", refuse)
        assert main(["--data", str(mini.path), "new", "event", *options()]) == 1
        assert capsys.readouterr().err == (
            "lipsteeth: could not write data/events/events.yaml: Permission denied; data/events/events.yaml is unchanged\n"
        )

    def test_a_kill_before_the_swap_leaves_the_old_file_and_no_temporary(self, mini, monkeypatch, capsys):
        """SIGTERM arrives when the new file is written but has not yet replaced the old one: the old
        file is whole and the temporary file is removed (SIGTERM is raised as an exception, so the
        clean-up runs)."""
        before = mini.file(EV).read_bytes()

        def killed(source, target):
            os.kill(os.getpid(), signal.SIGTERM)

        monkeypatch.setattr("os.replace", killed)
        assert main(["--data", str(mini.path), "new", "event", *options()]) == 143
        assert mini.file(EV).read_bytes() == before
        assert sorted(p.name for p in (mini.path / "events").iterdir()) == ["events.yaml"]
        assert "stopped (SIGTERM); any file being written is unchanged" in capsys.readouterr().err

    def test_a_kill_just_after_the_temporary_file_is_created_leaves_nothing_behind(self, mini, monkeypatch, capsys):
        """SIGTERM the instant the temporary file exists, before any name for it is returned (the
        window that mkstemp left open): the temporary file is still removed."""
        before = mini.file(EV).read_bytes()
        real_open = os.open

        def created_then_killed(path, *args, **kwargs):
            descriptor = real_open(path, *args, **kwargs)
            if str(path).endswith(".tmp"):
                os.close(descriptor)
                os.kill(os.getpid(), signal.SIGTERM)
            return descriptor

        monkeypatch.setattr("os.open", created_then_killed)
        assert main(["--data", str(mini.path), "new", "event", *options()]) == 143
        assert mini.file(EV).read_bytes() == before
        assert sorted(p.name for p in (mini.path / "events").iterdir()) == ["events.yaml"]

    def test_sigterm_at_any_moment_never_leaves_a_broken_file(self, mini):
        """Kill `lipsteeth new` at 15 moments around the write of a large (1.7 MB, near the limit) file: it is always
        the old file or the new one, whole, and no temporary file is left."""
        mini.write(EV, mini.file(EV).read_text(encoding="utf-8") + "".join(f"# padding line {n:07d}\n" for n in range(70_000)))
        before = mini.file(EV).read_bytes()
        command = [sys.executable, "-m", "lipsteeth.cli", "--data", str(mini.path), "new", "event", *options()]
        start = time.monotonic()
        subprocess.run(command, capture_output=True, check=True)
        took = time.monotonic() - start
        after_a_full_run = mini.file(EV).read_bytes()
        for fraction in [0.5 + n / 28 for n in range(15)]:  # from half-way to just after the end
            mini.file(EV).write_bytes(before)
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(took * fraction)
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
            assert mini.file(EV).read_bytes() in (before, after_a_full_run), fraction
            assert sorted(p.name for p in (mini.path / "events").iterdir()) == ["events.yaml"], fraction

    def test_ctrl_d_at_a_prompt_is_not_a_crash(self, mini, monkeypatch, capsys):
        """The input ends (Ctrl-D) before every question is answered: nothing is written."""
        before = mini.file(EV).read_bytes()
        monkeypatch.setattr("sys.stdin.isatty", lambda: True)

        def ended(prompt):
            raise EOFError

        monkeypatch.setattr("builtins.input", ended)
        assert main(["--data", str(mini.path), "new", "event", "--date", "2003"]) == 1
        assert "the input ended (Ctrl-D) before every field was answered; nothing was written." in capsys.readouterr().err
        assert mini.file(EV).read_bytes() == before


class TestIds:
    def test_a_name_with_no_letters_for_an_id_asks_for_one(self, mini, capsys):
        """'🙂' gives no id; the command says so instead of citing a line past the end of the file."""
        assert main(["--data", str(mini.path), "new", "person", "--name", "🙂", "--country", "KP"]) == 1
        assert capsys.readouterr().err == (
            "lipsteeth new person: --name: no id can be made from '🙂' (it has no letters or digits a web address can use); "
            "give one with --id; nothing was written.\n"
        )

    def test_index_is_refused_as_a_person_id(self, mini, capsys):
        """A person named Index would get the id of the people list page."""
        assert main(["--data", str(mini.path), "new", "person", "--name", "Index", "--country", "KP"]) == 1
        assert "--id: 'index' is reserved for the list page of its section; choose another id" in capsys.readouterr().err

    def test_a_taken_id_is_refused_with_the_real_file(self, mini, capsys):
        """A duplicate --id is refused before any copy is made, so no temporary line numbers appear."""
        assert main(["--data", str(mini.path), "new", "event", *options(), "--id", "2006-10-first-nuclear-test"]) == 1
        assert capsys.readouterr().err == (
            "lipsteeth new event: --id: '2006-10-first-nuclear-test' is already the id of the event 'First nuclear test'; "
            "choose another; nothing was written.\n"
        )

    def test_a_taken_person_id_names_the_person(self, mini, capsys):
        """The person who holds the id is named, so the editor can tell a namesake from a duplicate."""
        before = mini.file("people.yaml").read_bytes()
        assert (
            main(["--data", str(mini.path), "new", "person", "--id", "kim-jong-il", "--name", "Kim Jong Il", "--country", "KP"])
            == 1
        )
        assert capsys.readouterr().err == (
            "lipsteeth new person: --id: 'kim-jong-il' is already the id of the person 'Kim Jong-il'; choose another; "
            "nothing was written.\n"
        )
        assert mini.file("people.yaml").read_bytes() == before


def options() -> list[str]:
    return [
        "--date", "2003-10-29", "--kind", "visit", "--title", "Wu Bangguo visits Pyongyang", "--summary", "A visit.",
        "--from", "CN", "--to", "KP", "--purpose", "working", "--level", "top", "--source-url", "https://example.org/new", "--source-publisher", "Example News",
        "--source-title", "A new page",
    ]  # fmt: skip

"""`lipsteeth new` on files as editors really leave them (#22): an event renamed (its old id kept
as an alias), a file ending in YAML's document-end marker, a file with mixed line endings."""

from __future__ import annotations

import pytest

from lipsteeth.cli import main
from lipsteeth.tools.editing import add_event

from ..conftest import dataset_of
from .test_editing import EV, fields

NEW = "2003-10-wu-bangguo-visits-pyongyang"


class TestFormerIds:
    @pytest.fixture
    def renamed(self, mini):
        """The 2006 test once had the id a new 2003 visit would be given."""
        mini.replace(EV, "    kind: nuclear-test\n", f"    kind: nuclear-test\n    aliases: [{NEW}]\n")
        return mini

    def test_the_proposed_id_is_never_a_former_id(self, renamed):
        _, new_id = add_event(renamed.path, fields())
        assert new_id == f"{NEW}-2"
        assert renamed.problems() == []

    def test_a_former_id_given_with_id_is_refused_before_anything_is_written(self, renamed, capsys):
        before = renamed.file(EV).read_bytes()
        options = ["--date", "2003-10-29", "--kind", "other", "--title", "T", "--summary", "S", "--id", NEW]
        sources = ["--source-url", "https://example.org/n", "--source-publisher", "P", "--source-title", "T"]
        assert main(["--data", str(renamed.path), "new", "event", *options, *sources]) == 1
        assert capsys.readouterr().err == (
            f"lipsteeth new event: --id: '{NEW}' is already a former id of the event 'First nuclear test' (in its aliases); "
            "choose another; nothing was written.\n"
        )
        assert renamed.file(EV).read_bytes() == before


class TestEndMarker:
    @pytest.mark.parametrize("ending", ["...\n", "...\n\n", "...", "... # the end\n# a last comment\n"])
    def test_an_entry_after_every_other_goes_before_the_marker(self, mini, ending):
        before = mini.file(EV).read_text()
        mini.write(EV, before + ending)
        add_event(mini.path, fields(date="2010"))
        after = mini.file(EV).read_text()
        assert after.endswith("        title: A new page\n" + ending)
        assert after.startswith(before)
        assert [e.id for e in dataset_of(mini).events][-1] == "2010-wu-bangguo-visits-pyongyang"

    def test_a_person_goes_before_the_marker_too(self, mini):
        mini.write("people.yaml", mini.file("people.yaml").read_text() + "...\n")
        assert (
            main(
                [
                    "--data",
                    str(mini.path),
                    "new",
                    "person",
                    "--name",
                    "Kim Yong-nam",
                    "--country",
                    "KP",
                    "--role-title",
                    "Premier",
                ]
            )
            == 0
        )
        assert (
            mini.file("people.yaml")
            .read_text()
            .endswith("    name: Kim Yong-nam\n    country: KP\n    roles:\n      - title: Premier\n...\n")
        )
        assert mini.problems() == []


class TestMixedLineEndings:
    def test_the_entry_lands_at_its_date_in_the_files_own_line_ending(self, mini):
        """Windows line endings, but the first entry's lines end in '\\n' alone (pasted in from
        elsewhere): the loader counts each as a line, and so does `new`; the new lines take '\\r\\n'."""
        text = mini.file(EV).read_text()
        first, rest = text.split("\n\n", 1)
        mixed = (first + "\n\n" + rest.replace("\n", "\r\n")).encode()
        mini.file(EV).write_bytes(mixed)
        path, new_id = add_event(mini.path, fields())
        after = path.read_bytes()
        cut = mixed.index(b"  - id: 2006-10")
        entry = after[cut : after.index(b"  - id: 2006-10")]
        assert after == mixed[:cut] + entry + mixed[cut:]
        assert entry.startswith(f"  - id: {new_id}\r\n".encode()) and entry.endswith(b"\r\n\r\n")
        assert b"\n" not in entry.replace(b"\r\n", b"")
        assert [e.id for e in dataset_of(mini).events] == [
            "1998-08-taepodong-1",
            "2000-05-kim-jong-il-visits-china",
            new_id,
            "2006-10-first-nuclear-test",
        ]

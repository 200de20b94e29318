"""The vocabulary read off the data model: what each field accepts in words, the names editors
write, and the messages of the model's own validators.

The field reference page, the JSON Schema and `lipsteeth new` all derive from these, so each is
asserted whole.
"""

from __future__ import annotations

import typing

import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from lipsteeth.data import model
from lipsteeth.data.model import (
    KIND_NAMES,
    KIND_PLURALS,
    KINDS,
    TITLE_LIMIT,
    Line,
    Slug,
    Title,
    Url,
    accepts,
    field_name,
)

KIND_LIST = "visit, nuclear-test, missile-launch, satellite-launch, talks, treaty, un-resolution, leadership, diplomatic, sanctions, other"


def refusal(annotation, value) -> str:
    """The message a validator gives for `value`."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(annotation).validate_python(value)
    (error,) = caught.value.errors()
    return str(error["ctx"]["error"])


class TestAccepts:
    @pytest.mark.parametrize(
        ("record", "name", "expected"),
        [
            # dates, required and optional
            (model.Event, "date", "date: YYYY, YYYY-MM or YYYY-MM-DD"),
            (model.Event, "end", "date: YYYY, YYYY-MM or YYYY-MM-DD"),
            (model.Role, "from_", "date: YYYY, YYYY-MM or YYYY-MM-DD"),
            # ids and lists of ids
            (model.Event, "id", "id (lowercase-with-hyphens)"),
            (model.Event, "people", "list of id (lowercase-with-hyphens)"),
            (model.CountCheck, "after", "id (lowercase-with-hyphens)"),
            (model.BetweenCheck, "before", "id (lowercase-with-hyphens)"),
            # text: a title (text, then a length check), optional text, lists of text, addresses
            (model.Event, "title", "text"),
            (model.Event, "note", "text"),
            (model.Names, "hangul", "text"),
            (model.Person, "aliases", "list of text"),
            (model.Article, "paragraphs", "list of text"),
            (model.Source, "url", "http(s) address"),
            # literals with many values and with one
            (model.Event, "kind", f"one of: {KIND_LIST}"),
            (model.Event, "from_", "one of: CN, KP, KR, US, JP, RU"),
            (model.Person, "country", "one of: CN, KP, KR, US, JP, RU"),
            (model.Event, "outcome", "one of: success, failure, partial, disputed"),
            (model.TimingCheck, "relation", "one of: after, before"),
            (model.Event, "purpose", "one of: summit, special-envoy, ceremony, working"),
            (model.CountCheck, "levels", "list of one of: leader, top, ministerial"),
            (model.DateCheck, "check", "'date'"),
            (model.CountCheck, "check", "'count'"),
            # booleans and whole numbers, required and optional
            (model.Event, "secret", "true or false"),
            (model.Role, "leader", "true or false"),
            (model.Claim, "paragraph", "whole number"),
            (model.ArticleRef, "paragraph", "whole number"),
            (model.CountCheck, "equals", "whole number"),
            # nested models: required, optional, in lists
            (model.Person, "names", "Names"),
            (model.Event, "article", "ArticleRef"),
            (model.Event, "sources", "list of Source"),
            (model.Person, "roles", "list of Role"),
            (model.EventsFile, "events", "list of Event"),
            # the union of assertions
            (model.Claim, "assertions", "list of DateCheck or TimingCheck or BetweenCheck or CountCheck"),
        ],
    )
    def test_each_kind_of_field(self, record, name, expected):
        """What a field accepts, in the words the field reference and the command's help use."""
        assert accepts(record.model_fields[name]) == expected

    def test_a_type_without_words_is_named_as_python_names_it(self):
        """A type the vocabulary has no words for still says something, rather than failing."""
        assert accepts(FieldInfo.from_annotation(float)) == "<class 'float'>"
        assert accepts(FieldInfo.from_annotation(str)) == "text"  # a bare str, with no Accepts words of its own
        assert accepts(FieldInfo.from_annotation(typing.Optional[float])) == "<class 'float'>"  # noqa: UP045 - the typing form is the point

    def test_the_last_words_given_win(self):
        """A type built on another (a title is text with a length limit) can give its own words."""
        field = FieldInfo.from_annotation(typing.Annotated[Title, model.Accepts("short text")])
        assert accepts(field) == "short text"


class TestNames:
    def test_an_alias_is_the_name_editors_write(self):
        """'from' is a Python keyword, so the model says from_ and editors write from."""
        assert field_name("from_", model.Event.model_fields["from_"]) == "from"
        assert field_name("from_", model.Role.model_fields["from_"]) == "from"

    def test_a_field_without_an_alias_keeps_its_name(self):
        """Most fields are written as they are named."""
        assert field_name("to", model.Event.model_fields["to"]) == "to"
        assert field_name("china_vote", model.Event.model_fields["china_vote"]) == "china_vote"

    def test_kind_names_and_plurals(self):
        """Every kind has a name and a plural, as pages, lists and search show them."""
        assert tuple(KIND_NAMES) == tuple(KIND_PLURALS) == KINDS
        assert (KIND_NAMES["nuclear-test"], KIND_PLURALS["nuclear-test"]) == ("Nuclear test", "Nuclear tests")
        assert (KIND_NAMES["treaty"], KIND_PLURALS["treaty"]) == ("Treaty", "Treaties")
        assert (KIND_NAMES["talks"], KIND_PLURALS["talks"]) == ("Talks", "Talks")
        assert (KIND_NAMES["un-resolution"], KIND_PLURALS["un-resolution"]) == (
            "UN Security Council vote",
            "UN Security Council votes",
        )


PLAIN_HOST = (
    "expected a plain host name after '//' (letters, digits, '-' and '.', like 'www.bbc.co.uk'; an internationalised name "
    "in its xn-- form), got "
)


class TestValidators:
    @pytest.mark.parametrize("value", ["2000-05-kim-jong-il-visits-china", "a", "1998", "a1-b2"])
    def test_slugs_that_are_accepted(self, value):
        """Lowercase letters and digits, joined by single hyphens."""
        assert TypeAdapter(Slug).validate_python(value) == value

    @pytest.mark.parametrize("value", ["Kim", "a--b", "-a", "a-", "a b", "a_b", "", "a\n"])
    def test_slugs_that_are_refused(self, value):
        """Capitals, doubled, leading or trailing hyphens, spaces, underscores, nothing, a final newline."""
        assert refusal(Slug, value) == (
            "expected a URL-safe id of lowercase letters, digits and single hyphens "
            f"(like '2000-05-kim-jong-il-visits-china'), got {value!r}"
        )

    def test_a_reserved_id(self):
        """A well-formed id can still be taken."""
        assert refusal(Slug, "index") == "'index' is reserved for the list page of its section; choose another id"

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("https://example.org/a", "https://example.org/a"),
            ("http://example.org", "http://example.org"),
            ("  https://example.org/a  ", "https://example.org/a"),
        ],
    )
    def test_addresses_that_are_accepted(self, value, expected):
        """http and https addresses, with the spaces around them trimmed."""
        assert TypeAdapter(Url).validate_python(value) == expected

    @pytest.mark.parametrize(
        "value",
        [
            "ftp://example.org/file",  # another scheme, with a host
            "javascript:alert(1)",  # another scheme, no host
            "example.org/page",  # no scheme
            "https://example.org/a page",  # a space inside
            "https://example.org/\x07",  # a control character
        ],
    )
    def test_addresses_that_are_refused(self, value):
        """Only a web address with a host and nothing unprintable in it."""
        expected = "expected an http:// or https:// address, got " + (
            "'https://example.org/\\x07'" if "\x07" in value else repr(value)
        )
        assert refusal(Url, value) == expected

    @pytest.mark.parametrize(
        ("value", "why"),
        [
            (
                "https://www.irishtimes.com@evil.example/news",
                "expected the site's host right after '//', got 'https://www.irishtimes.com@evil.example/news': "
                "'www.irishtimes.com@' is a user name, so a link to it would go to 'evil.example'; give the publisher's own address",
            ),
            (
                "https://example.org\\@evil.example/",
                "expected '/' where the address has a backslash (a browser reads it as '/'), got 'https://example.org\\@evil.example/'",
            ),
            ("https:///path", f"{PLAIN_HOST}no host name in 'https:///path'"),
            ("https://ex_ample.org/", f"{PLAIN_HOST}'ex_ample.org' in 'https://ex_ample.org/'"),
            ("https://localhost/x", f"{PLAIN_HOST}'localhost' in 'https://localhost/x'"),
            ("https://\u05d0\u05d1.example/x", f"{PLAIN_HOST}'\u05d0\u05d1.example' in 'https://\u05d0\u05d1.example/x'"),
            ("https://example.org:99999999/", f"{PLAIN_HOST}'example.org:99999999' in 'https://example.org:99999999/'"),
            (
                "https://example.org/\u202egnp.exe",
                "expected an http:// or https:// address, got 'https://example.org/\\u202egnp.exe'",
            ),
        ],
    )
    def test_addresses_whose_host_is_not_plain_are_refused(self, value, why):
        """A link goes where its host says: a user name before '@' hides the real host (the link to
        'www.irishtimes.com@evil.example' opens evil.example), and so can a backslash, a missing or odd
        host name, or a bidi control that shows the address reversed."""
        assert refusal(Url, value) == why

    @pytest.mark.parametrize(
        "value",
        ["https://example.org:8080/a?b=1#c", "https://he.wikipedia.org/wiki/\u05e9\u05dc\u05d5\u05dd", "http://1.2.3.4/x"],
    )
    def test_addresses_with_a_plain_host_are_accepted(self, value):
        """A port, a query, a fragment and right-to-left letters in the path are all fine."""
        assert TypeAdapter(Url).validate_python(value) == value

    def test_a_line_is_one_line(self):
        """Runs of spaces and line breaks become one space."""
        assert TypeAdapter(Line).validate_python("  Kim   Jong-il\nvisits  ") == "Kim Jong-il visits"

    @pytest.mark.parametrize("value", ["", "   ", "\n"])
    def test_an_empty_line(self, value):
        """Nothing, or only spaces, is not text."""
        assert refusal(Line, value) == "expected some text, got an empty string"

    @pytest.mark.parametrize(
        ("char", "code"), [("\x01", "0001"), ("\ufdd0", "FDD0"), ("\ufdef", "FDEF"), ("\U0001fffe", "1FFFE")]
    )
    def test_characters_no_page_can_show(self, char, code):
        """Control characters and noncharacters are refused by their code point."""
        assert (
            refusal(Line, f"a{char}b")
            == f"the character U+{code} (a control character or noncharacter) cannot be shown; remove it"
        )

    @pytest.mark.parametrize("char", ["\ufdcf", "\ufdf0", "\ufffd", "é", "金"])
    def test_characters_next_to_the_noncharacters_are_fine(self, char):
        """The ranges end where they should: the replacement character and letters pass."""
        assert TypeAdapter(Line).validate_python(f"a{char}b") == f"a{char}b"

    def test_a_title_at_the_limit(self):
        """Exactly the limit is short enough; one more character is not."""
        assert TypeAdapter(Title).validate_python("x" * TITLE_LIMIT) == "x" * TITLE_LIMIT
        assert refusal(Title, "x" * (TITLE_LIMIT + 1)) == (
            f"expected a short title of at most {TITLE_LIMIT} characters, got {TITLE_LIMIT + 1}; put the detail in the summary"
        )

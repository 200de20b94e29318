"""Safe Markdown helpers: escaping, links between generated pages, front matter."""

from __future__ import annotations

import html
import posixpath

import markdown
import pytest
import yaml

from lipsteeth.bidi import unisolated
from lipsteeth.render.markup import attr, external, front_matter, json_for_script, link, relative, text


@pytest.mark.parametrize(
    ("target", "here"),
    [
        ("events/a.md", "events/b.md"),
        ("people/x.md", "events/b.md"),
        ("kinds/v.md", "timeline.md"),
        ("article.md", "claims/x.md"),
        ("years/index.md", "years/2000.md"),
        ("data/changelog.md", "data.md"),
        ("a/b/c.md", "a/d/e.md"),
    ],
)
def test_relative_paths_match_posixpath(target, here):
    """The fast relative path is the one posixpath.relpath gives."""
    assert relative(target, here) == posixpath.relpath(target, posixpath.dirname(here) or ".")


@pytest.mark.parametrize(
    "hostile", ["<script>x</script>", "[x](javascript:y)", "**bold** _i_ `code`", "# heading", "a | b", "{: .cls }"]
)
def test_text_renders_as_the_same_characters(hostile):
    """Whatever the data says, Markdown shows exactly those characters and no markup."""
    rendered = markdown.markdown(text(hostile), extensions=["attr_list", "md_in_html", "tables"])
    assert rendered == f"<p>{text(hostile)}</p>"
    assert "<script" not in rendered and "href" not in rendered


def test_link_text_is_escaped_and_target_relative():
    """A link's label is text; its target is relative to the page."""
    assert link("A [b]", "events/x.md", "years/2000.md") == "[A &#91;b&#93;](../events/x.md)"


def test_front_matter_is_valid_yaml_with_an_escaped_description():
    """Themes print the description unescaped into an attribute, so it is escaped here."""
    parsed = yaml.safe_load(front_matter(description='He said "<b>" & left', search={"exclude": True}).split("---")[1])
    assert parsed == {"description": "He said &quot;&lt;b&gt;&quot; &amp; left", "search": {"exclude": True}}


def test_json_for_script_cannot_close_the_element():
    """</script> and <!-- inside JSON-LD are written as unicode escapes."""
    assert json_for_script({"q": "</script><!--"}) == '{\n "q": "\\u003c/script\\u003e\\u003c!--"\n}'


@pytest.mark.parametrize("start", ["1998. The year", "- a dash", "+ a plus", "!!! note Admonition", "---", "=== x", "7."])
def test_text_that_starts_like_a_block_stays_a_paragraph(start):
    """A summary beginning '1998. ' or '- ' once became a list item and lost its text: whatever text
    starts with, alone on a line it renders as one paragraph holding exactly its characters."""
    rendered = markdown.markdown(text(start), extensions=["admonition", "attr_list", "md_in_html", "tables"])
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    assert html.unescape(rendered.removeprefix("<p>").removesuffix("</p>")) == start


def test_text_that_can_turn_direction_is_isolated():
    """An unclosed right-to-left override in one name cannot reverse what follows it."""
    assert text("Kim \u202eJong-il") == "\u2068Kim \u202eJong-il\u2069"
    assert text("عبد الله") == "\u2068عبد الله\u2069"
    assert attr("Kim \u202eJong-il") == "\u2068Kim \u202eJong-il\u2069"
    assert text("김정일 金正日 Kim") == "김정일 金正日 Kim"  # left-to-right scripts are left alone


def test_an_address_is_never_isolated():
    """Isolating characters inside an href become part of the address, and the browser resolves it
    into this site (a 404): the link's text is isolated, its address is only escaped."""
    url = "https://he.wikipedia.org/wiki/\u05e9\u05dc\u05d5\u05dd?a=1&b=2"
    assert external("\u05e9\u05dc\u05d5\u05dd", url) == (
        '<a href="https://he.wikipedia.org/wiki/\u05e9\u05dc\u05d5\u05dd?a=1&amp;b=2" class="lt-external" rel="noopener">'
        '\u2068\u05e9\u05dc\u05d5\u05dd\u2069<span class="lt-visually-hidden"> (external link)</span></a>'
    )


def test_a_drawing_gets_a_title_without_its_isolate():
    """A sharing image lays out its title itself: the isolating marks a heading carries are taken off."""
    assert unisolated(text("Kim \u202eJong-il")) == "Kim \u202eJong-il"
    assert unisolated("Kim Jong-il") == "Kim Jong-il"


@pytest.mark.parametrize("special", ["&", "<", ">", "\\", "`", "*", "_", "[", "]", "#", "|", "{", "}", "~", "^"])
def test_text_escapes_each_syntax_character_wherever_it_stands(special):
    """`text` skips the escaping table for text with none of its characters: each of them, alone, at
    the start, inside or at the end of the text, is still written as its character reference."""
    from lipsteeth.render.markup import _MARKDOWN

    reference = _MARKDOWN[ord(special)]
    for plain, escaped in ((special, reference), (f"a{special}b", f"a{reference}b"), (f"ab {special}", f"ab {reference}")):
        assert text(plain) == escaped
        assert html.unescape(escaped) == plain


def test_text_escapes_each_string_once_and_keeps_values_apart():
    """A build writes the same titles and names on many pages: each string is escaped once. A value
    that is not a string is written as its str(), never as an equal value's (True is not 1)."""
    from lipsteeth.render import markup

    marker = "A title written on many pages & more"
    first = text(marker)
    before = markup._text.cache_info().hits
    assert text(marker) == first == "A title written on many pages &amp; more"
    assert markup._text.cache_info().hits == before + 1
    assert (text(1), text(True), text(1.0)) == ("1", "True", "1.0")

"""What a reader needs to rely on a page: when it last changed and how to cite it. Plain Markdown
and HTML, so every engine shows them alike."""

from __future__ import annotations

from .. import urls
from ..data.dates import PartialDate
from .markup import address, text

SITE_NAME = "Lips and Teeth"


def updated_line(day: str | None) -> list[str]:
    """'Last updated: 3 December 2026' for a page whose records git dates ('YYYY-MM-DD'); nothing
    where the history gives no date (a shallow clone, uncommitted records): no date beats a wrong one."""
    if not day:
        return []
    shown = PartialDate.parse(day).human()
    return [f'<p class="lt-updated">Last updated: <time datetime="{address(day)}">{text(shown)}</time></p>', ""]


def cite_block(title: str, page: str, day: str | None, site_url: str | None, repo_url: str | None) -> list[str]:
    """The 'Cite this page' section: the page's title, the site, the day it last changed (when known)
    and its address, absolute when the site's address is known (else the path from the site's root),
    and the repository's address when it is known."""
    where = urls.absolute(site_url, urls.url(page))
    shown_address = _link(where) if _web(where) else f"<code>{text(where)}</code>"
    parts = [f"“{text(title)}”", f"<i>{SITE_NAME}</i>"]
    if day:
        parts.append(f"last updated {text(PartialDate.parse(day).human())}")
    lines = ["## Cite this page", "", f'<p class="lt-cite">{", ".join(parts)}. {shown_address}.</p>', ""]
    if repo_url and _web(repo_url):
        lines += [f'<p class="lt-cite-repository">Data and code: {_link(repo_url)}.</p>', ""]
    return lines


def _web(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _link(url: str) -> str:
    return f'<a href="{address(url)}">{text(url)}</a>'

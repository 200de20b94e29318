"""Postponed visits, as the event page and the analysis page say them: every date and count from
the record (analyse.postponements), every word from the data escaped."""

from __future__ import annotations

from ..analyse.postponements import Postponed, Postponements
from ..urls import event_path
from ..wording import count
from .markup import link, text
from .sources import source_item


def event_lines(postponed: Postponed | None, here: str) -> list[str]:
    """The event page's section: when it was put off, why, after what, and when it finally took place,
    with the wait the analysis counted."""
    if postponed is None:
        return []
    visit, found, cause = postponed.visit, postponed.visit.postponed, postponed.after
    lines = ["## Postponed", ""]
    lines.append(f"- **Postponement announced:** {text(postponed.announced.human())}")
    if found.planned is not None:
        lines.append(f"- **Had been due:** {text(found.planned.human())}")
    lines.append(f"- **Reason given:** {text(found.reason)}")
    if cause is not None:
        lines.append(f"- **After:** {link(cause.title, event_path(cause.id), here)} ({text(cause.date.human())})")
    about = "about " if postponed.approximate else ""
    lines.append(
        f"- **Took place:** {text(visit.date.human())}, {about}{postponed.wait_days:,} days after the postponement was announced"
    )
    lines += ["", "Reported by:", ""]
    lines += [source_item(i, s) for i, s in enumerate(found.sources, 1)]
    return lines + [""]


def analysis_lines(found: Postponements, here: str) -> list[str]:
    """The analysis page's paragraph: the visits put off after a test, which the waits cannot show
    (they count only visits that happened)."""
    after = found.after_tests
    lines = ["## Postponed visits", ""]
    others = len(found.all) - len(after)
    besides = f" ({count(others)} other postponed {'visit' if others == 1 else 'visits'} followed no test)" if others else ""
    if not after:
        return lines + [
            f"The waits count visits that happened. No visit in the record is marked as postponed after a test{besides}.",
            "",
        ]
    verb = "was" if len(after) == 1 else "were"
    noun = "visit" if len(after) == 1 else "visits"
    lines.append(
        f"The waits count visits that happened, not visits put off. {count(len(after)).capitalize()} {noun} in the record "
        f"{verb} postponed after a test{besides}:"
    )
    lines.append("")
    lines += [_item(p, here) for p in after]
    return lines + [""]


def _item(postponed: Postponed, here: str) -> str:
    visit, cause = postponed.visit, postponed.after
    about = "about " if postponed.approximate else ""
    due = f", due {text(visit.postponed.planned.human())}" if visit.postponed.planned else ""
    return (
        f"- {link(visit.title, event_path(visit.id), here)}{due}: put off on {text(postponed.announced.human())}, after "
        f"{link(cause.title, event_path(cause.id), here)} ({text(cause.date.human())}); it took place on "
        f"{text(visit.date.human())}, {about}{postponed.wait_days:,} days after it was put off."
    )

"""How charts look: the colour themes (as CSS variables the light and dark schemes set), the lanes
of the record chart, and matplotlib's settings. The charts there are: charts.catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..bidi import isolated
from ..data.dates import human_span, today
from ..data.model import Event

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
    "black": "#000000",
}


@dataclass(frozen=True)
class Theme:
    """Colours for one of Material's schemes; the background itself stays transparent."""

    name: str
    page: str  # Material's page background, for gaps between touching blocks
    text: str
    muted: str
    rule: str  # gridlines and lane separators
    shade: str  # alternate eras
    colours: dict[str, str]  # by role: cn-visit, kp-visit, nuclear, launch, talks, un


_O = OKABE_ITO
THEMES = {
    # On white every colour but orange reaches 3:1 (WCAG non-text contrast); orange squares get a dark edge.
    "light": Theme(
        "light",
        "#ffffff",
        "#212121",
        "#5f6368",
        "#d9d9d9",
        "#0000000d",
        {
            "cn-visit": _O["vermillion"],
            "kp-visit": _O["blue"],
            "nuclear": "#000000",
            "launch": _O["reddish-purple"],
            "talks": _O["bluish-green"],
            "un": _O["orange"],
            "un-edge": "#212121",  # orange reaches only 2.2:1 on white: its squares get a dark edge
            "level-leader": _O["blue"],
            "level-top": _O["bluish-green"],
            "level-ministerial": _O["reddish-purple"],
        },
    ),
    # On Material's slate (#1e2129) black vanishes and blue barely reaches 3:1: near-white and sky blue replace them.
    "dark": Theme(
        "dark",
        "#1e2129",
        "#e2e4e9",
        "#a3a8b3",
        "#3b404c",
        "#ffffff12",
        {
            "cn-visit": _O["vermillion"],
            "kp-visit": _O["sky-blue"],
            "nuclear": "#f2f2f2",
            "launch": _O["reddish-purple"],
            "talks": _O["bluish-green"],
            "un": _O["orange"],
            "un-edge": _O["orange"],
            "level-leader": _O["sky-blue"],
            "level-top": _O["bluish-green"],
            "level-ministerial": _O["reddish-purple"],
        },
    ),
}


def palette(theme: Theme) -> dict[str, str]:
    """Every colour a chart uses, by role."""
    return {
        "page": theme.page,
        "text": theme.text,
        "muted": theme.muted,
        "rule": theme.rule,
        "shade": theme.shade,
        **theme.colours,
    }


# Charts are drawn once, in stand-in colours, and finish_svg turns each stand-in into a CSS variable
# that the light and dark schemes set (colour_variables): one drawing serves both, and the page holds one copy.
ROLES = tuple(palette(THEMES["light"]))
STAND_INS = {role: f"#01{index:02x}02" for index, role in enumerate(ROLES)}
DRAWING = Theme(
    "drawing",
    *(STAND_INS[role] for role in ("page", "text", "muted", "rule", "shade")),
    {role: STAND_INS[role] for role in THEMES["light"].colours},
)
STAND_IN = re.compile("|".join(STAND_INS.values()))
ROLE_OF_STAND_IN = {colour: role for role, colour in STAND_INS.items()}
SCHEMES = {"light": ':root, [data-md-color-scheme="default"]', "dark": '[data-md-color-scheme="slate"]'}


_LIGHT = palette(THEMES["light"])


def variable(role: str) -> str:
    """The CSS colour for `role`: the scheme's variable, else (a chart file opened alone) the light colour."""
    return f"var(--lt-c-{role}, {_LIGHT[role]})"


def colour_variables() -> str:
    """Each scheme's colour for every role, as the variables the charts and strips are painted with."""
    blocks = []
    for theme, scope in SCHEMES.items():
        lines = "".join(f"  --lt-c-{role}: {colour};\n" for role, colour in palette(THEMES[theme]).items())
        blocks.append(f"{scope} {{\n{lines}}}")
    return "\n".join(blocks) + "\n"


@dataclass(frozen=True)
class Lane:
    label: str
    role: str  # key into Theme.colours
    marker: str  # a different shape per lane, so colour is never the only cue
    kinds: tuple[str, ...]
    origin: str | None = None  # visits: the visitor's country


LANES = (
    Lane("China → North Korea\nvisits", "cn-visit", "v", ("visit",), "CN"),
    Lane("North Korea → China\nvisits", "kp-visit", "^", ("visit",), "KP"),
    Lane("Nuclear tests", "nuclear", "X", ("nuclear-test",)),
    Lane("Missile & satellite\nlaunches", "launch", "D", ("missile-launch", "satellite-launch")),
    Lane("Talks &\ndiplomacy", "talks", "o", ("talks", "treaty", "diplomatic")),
    Lane("UN Security\nCouncil votes", "un", "s", ("un-resolution",)),
)
PEER = {"CN": "KP", "KP": "CN"}


def lane_of(event: Event) -> int | None:
    """The lane an event is drawn in, or None (leadership changes, sanctions, visits to third countries)."""
    for index, lane in enumerate(LANES):
        if event.kind in lane.kinds and (lane.origin is None or (event.from_ == lane.origin and event.to == PEER[lane.origin])):
            return index
    return None


def edge_colour(theme: Theme, role: str) -> str:
    return theme.colours.get(f"{role}-edge", theme.colours[role])


def rc(theme: Theme) -> dict:
    """matplotlib settings: text stays text, ids are reproducible, nothing is painted behind the chart."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": "lipsteeth",
        "font.family": ["sans-serif"],
        # Material is configured without web fonts, so it uses system fonts; DejaVu Sans measures the layout.
        "font.sans-serif": ["Helvetica", "Arial", "DejaVu Sans"],
        "font.size": 10,
        "text.color": theme.text,
        "axes.labelcolor": theme.text,
        "axes.edgecolor": theme.muted,
        "xtick.color": theme.muted,
        "ytick.color": theme.muted,
        "xtick.labelcolor": theme.text,
        "ytick.labelcolor": theme.text,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "hatch.color": theme.text,
        "path.simplify": True,
    }


def tooltip(event: Event) -> str:
    """'date – title', with the date only as precise as the source (and the title isolated if it
    could turn the text around it)."""
    return f"{human_span(event.date, event.end)} – {isolated(event.title)}"


# The years a sharing image's timeline spans: the record's first to the current one (a page about
# this year is marked on the axis, not at its edge); the previews' cache key holds them.
PREVIEW_YEARS = (1949, max(2026, today().year))

"""How numbers are said in prose: '43rd', 'about 72 in 100', 'six', '9 to 434 days'."""

from __future__ import annotations

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count(number: int) -> str:
    """Small whole numbers in words, as prose writes them; larger ones as digits."""
    return _SMALL[number] if 0 <= number < len(_SMALL) else f"{number:,}"


def ordinal(number: float) -> str:
    """43.2 -> '43rd'."""
    whole = round(number)
    suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{suffix}"


def in_a_hundred(share: float) -> str:
    """A probability as a frequency a reader can picture: 0.72 -> 'about 72 times in 100'."""
    per_hundred = round(100 * share)
    if per_hundred < 1:
        return "less than once in 100"
    return f"about {per_hundred} times in 100"


def days(number: float) -> str:
    whole = round(number)
    return f"{whole:,} day{'s' if whole != 1 else ''}"


def plural(number: int, word: str, many: str | None = None) -> str:
    """'one test', 'three launches'; `many` where English is irregular."""
    return f"{count(number)} {word if number == 1 else many or plural_of(word)}"


def plural_of(word: str) -> str:
    """The regular English plural: 'launch' -> 'launches', 'test' -> 'tests'."""
    return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")

"""French typography for the generated documents: 1 234, 55 %, 4,2, +12, « guillemets », spaces before : ; ? !"""

import re

NNBSP = "\u202f"  # narrow no-break space: thousands, before ; ! ? and %
NBSP = "\u00a0"  # no-break space: before the colon and inside « »
MINUS = "\u2212"


def number(value, decimals: int = 0) -> str:
    """1234 → « 1 234 », 4.19 → « 4,2 » (decimals=1); None → « — »."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}" if isinstance(value, float) or decimals else f"{int(value):,}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", NNBSP)
    return text.replace("-", MINUS)


def percent(value, decimals: int = 0) -> str:
    return "—" if value is None else f"{number(value, decimals)}{NNBSP}%"


def signed(value) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "="
    return ("+" if value > 0 else "") + number(value)


def change(current, previous) -> tuple[int | None, int | None]:
    """(difference, percentage change rounded) or None where it has no meaning."""
    if current is None or previous is None:
        return None, None
    delta = current - previous
    pct = round(100 * delta / previous) if previous else None
    return delta, pct


def change_text(current, previous) -> str:
    delta, pct = change(current, previous)
    if delta is None:
        return "—"
    if delta == 0:
        return "stable"
    text = signed(delta)
    if pct is not None:
        text += f" ({'+' if pct > 0 else ''}{percent(pct)})".replace("-", MINUS)
    return text


_BEFORE_HIGH_PUNCTUATION = re.compile(r"[ \u00a0\u202f]*([;!?])")
_BEFORE_COLON = re.compile(r"(?<=\S)[ \u00a0\u202f]*:(?=\s|$)")


def french(text: str) -> str:
    """Fix spacing of typed text: narrow no-break space before ; ! ?, no-break space before : and in « »."""
    if not text:
        return text
    text = re.sub(r'"([^"]*)"', lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
    text = re.sub(r"«\s*", f"«{NBSP}", text)
    text = re.sub(r"\s*»", f"{NBSP}»", text)
    text = re.sub(r"(?<=\w)[ \u00a0\u202f]*([;!?])(?=\s|$)", NNBSP + r"\1", text)
    text = re.sub(r"(?<=[\w)»])[ \u00a0\u202f]*:(?=\s|$)", NBSP + ":", text)
    text = text.replace("'", "’")
    return text


def share_words(pct: int) -> str:
    """50 → « la moitié », 25 → « un quart »…, otherwise « 42 % »."""
    words = {50: "la moitié", 25: "un quart", 75: "les trois quarts", 33: "un tiers", 67: "les deux tiers"}
    return words.get(pct, percent(pct))


def agree(count, singular: str, plural_form: str) -> str:
    """The form that agrees with ``count`` (French: 0 and 1 take the singular)."""
    return singular if count in (0, 1, None) else plural_form


def plural(count, singular: str, plural_form: str | None = None) -> str:
    word = singular if count in (0, 1) else (plural_form or singular + "s")
    return f"{number(count)}{NBSP}{word}"

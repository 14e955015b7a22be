"""Template builtins for a French interface (loaded in every template, see TEMPLATES in settings)."""

from django import template

register = template.Library()


@register.filter(is_safe=False)
def pluralize(value, arg="s"):
    """Django's ``pluralize`` with the French rule: 0 and 1 take the singular (« 0 résultat », « 1 séance »).

    Same arguments as Django's filter: ``"s"``, ``"x"`` or ``"singular,plural"``."""
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular, plural = bits
    try:
        count = float(value)
    except (TypeError, ValueError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return singular if abs(count) < 2 else plural

"""Template helpers: the session panel's counts and safe strings for PDF stylesheets."""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

_CSS_UNSAFE = re.compile(r'[\\"<>\n\r\f]')


@register.filter
def css_string(value) -> str:
    """Text to put inside a CSS string (e.g. `@page { @bottom-left { content: "…" } }`)."""
    return mark_safe(_CSS_UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", str(value)))  # noqa: S308


@register.simple_tag
def attendance_summary(session) -> dict:
    from maillage.attendance.marking import summary

    return summary(session)


@register.simple_tag
def survey_summary(session) -> dict:
    from maillage.attendance.surveys import response_count

    return {"responses": response_count(session), "sent_at": session.survey_sent_at}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def svg(chart) -> str:
    """The chart's SVG (built from escaped text by chart_svg)."""
    return mark_safe(chart.svg())  # noqa: S308 - every text node is escaped in chart_svg.to_svg


@register.filter
def css_string(value) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')

from django import template

from maillage.library.models import Resource

register = template.Library()


@register.inclusion_tag("library/_latest_news.html")
def latest_news(count: int = 3):
    """The latest published news items, for the public home page."""
    return {"news": Resource.objects.news().latest()[:count]}

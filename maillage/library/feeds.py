"""RSS and Atom feeds of published resources, all or per theme. No personal data: organisations only."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from maillage.library.models import Resource
from maillage.programme.models import Theme

LIMIT = 30


class ResourceRSS(Feed):
    title = "Ressources du centre de ressources politique de la ville"
    description = "Dernières publications, fiches d'expérience, comptes rendus et actualités."

    def link(self):
        return reverse("library:search")

    def items(self):
        return Resource.objects.published().latest().prefetch_related("subjects")[:LIMIT]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.subjects.all()] + [item.get_kind_display()]


class ResourceAtom(ResourceRSS):
    feed_type = Atom1Feed
    subtitle = ResourceRSS.description


class ThemeRSS(ResourceRSS):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"Ressources — {theme.name}"

    def link(self, theme):
        return reverse("library:search") + f"?theme={theme.pk}"

    def items(self, theme):
        return (
            Resource.objects.published().filter(subjects=theme).latest().prefetch_related("subjects")[:LIMIT]
        )


class ThemeAtom(ThemeRSS):
    feed_type = Atom1Feed

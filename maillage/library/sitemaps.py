from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from maillage.library.models import Resource


class ResourceSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Resource.objects.published().order_by("pk")

    def lastmod(self, resource):
        return resource.updated_at


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["core:home", "library:search"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": StaticSitemap, "ressources": ResourceSitemap}

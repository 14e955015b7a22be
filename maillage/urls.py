from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Maillage — administration"
admin.site.site_title = "Maillage"
admin.site.index_title = "Données de référence et back-office"

urlpatterns = [
    path("", include("maillage.core.urls")),
    path("territoires/", include("maillage.territory.urls")),
    path("reseau/", include("maillage.network.urls")),
    path("programme/", include("maillage.programme.urls")),
    path("presences/", include("maillage.attendance.urls")),
    path("bilan/", include("maillage.reporting.urls")),
    path("", include("maillage.library.urls")),
    path("", include("maillage.participation.urls")),
    path("admin/", admin.site.urls),
    # browsers ask for /favicon.ico whatever the page says: the DSFR one
    path(
        "favicon.ico", RedirectView.as_view(url=static_url("dsfr/dist/favicon/favicon.ico"), permanent=True)
    ),
] + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

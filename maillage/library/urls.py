from django.contrib.sitemaps.views import sitemap
from django.urls import path

from maillage.library import feeds, oai_views, views_public, views_staff
from maillage.library.sitemaps import SITEMAPS

app_name = "library"

urlpatterns = [
    path("ressources/", views_public.SearchView.as_view(), name="search"),
    path("ressources/<int:pk>-<slug:slug>/", views_public.ResourceView.as_view(), name="resource"),
    path("ressources/fichiers/<int:pk>/", views_public.download, name="download"),
    path(
        "ressources/fichiers/<int:pk>/interrogeable/",
        views_public.download_searchable,
        name="download_searchable",
    ),
    path("ressources/flux/rss/", feeds.ResourceRSS(), name="feed_rss"),
    path("ressources/flux/atom/", feeds.ResourceAtom(), name="feed_atom"),
    path("ressources/flux/theme/<slug:slug>/rss/", feeds.ThemeRSS(), name="theme_rss"),
    path("ressources/flux/theme/<slug:slug>/atom/", feeds.ThemeAtom(), name="theme_atom"),
    path(
        "sitemap.xml", sitemap, {"sitemaps": SITEMAPS, "template_name": "library/sitemap.xml"}, name="sitemap"
    ),
    path("oai/", oai_views.endpoint, name="oai"),
    path("mediatheque/", views_staff.StaffSearchView.as_view(), name="staff_list"),
    path("mediatheque/nouvelle/", views_staff.ResourceCreateView.as_view(), name="staff_create"),
    path("mediatheque/<int:pk>/", views_staff.ResourceStaffView.as_view(), name="staff_detail"),
    path("mediatheque/<int:pk>/modifier/", views_staff.ResourceUpdateView.as_view(), name="staff_update"),
    path("mediatheque/<int:pk>/publier/", views_staff.PublishView.as_view(), name="publish"),
    path("mediatheque/<int:pk>/depublier/", views_staff.PublishView.as_view(publish=False), name="unpublish"),
    path("mediatheque/<int:pk>/fichiers/", views_staff.UploadView.as_view(), name="upload"),
    path(
        "mediatheque/fichiers/<int:pk>/suggestions/",
        views_staff.ApplySuggestionsView.as_view(),
        name="apply_suggestions",
    ),
    path("mediatheque/fichiers/<int:pk>/texte/", views_staff.FileTextView.as_view(), name="file_text"),
    path("mediatheque/pages/<int:pk>/corriger/", views_staff.PageEditView.as_view(), name="page_edit"),
    path("mediatheque/traitements/", views_staff.JobListView.as_view(), name="jobs"),
    path("mediatheque/traitements/<int:pk>/relancer/", views_staff.RetryView.as_view(), name="retry"),
]

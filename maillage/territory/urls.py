from django.urls import path

from maillage.territory import renewal_views, views

app_name = "territory"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("regions/<str:code>/", views.RegionView.as_view(), name="region"),
    path("departements/<str:code>/", views.DepartmentView.as_view(), name="department"),
    path("epci/<str:siren>/", views.EPCIView.as_view(), name="epci"),
    path("communes/<int:pk>/", views.CommuneView.as_view(), name="commune"),
    path("qpv/<str:code>/", views.QPVView.as_view(), name="qpv"),
    path("contrats-de-ville/<str:code>/", views.CityContractView.as_view(), name="city_contract"),
    path("npnru/", views.RenewalProjectListView.as_view(), name="renewal_projects"),
    path("npnru/nouveau/", renewal_views.RenewalProjectCreateView.as_view(), name="renewal_project_create"),
    path("npnru/import/", renewal_views.RenewalProjectImportView.as_view(), name="renewal_project_import"),
    path("npnru/<int:pk>/", views.RenewalProjectView.as_view(), name="renewal_project"),
    path(
        "npnru/<int:pk>/modifier/",
        renewal_views.RenewalProjectUpdateView.as_view(),
        name="renewal_project_update",
    ),
]

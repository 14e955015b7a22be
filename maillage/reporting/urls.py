from django.urls import path

from maillage.reporting import views, views_assembly

app_name = "reporting"

scope = "<int:year>/<slug:volet>/"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("assemblees/", views_assembly.AssemblyListView.as_view(), name="assemblies"),
    path("assemblees/nouvelle/", views_assembly.AssemblyCreateView.as_view(), name="assembly_create"),
    path("assemblees/<int:pk>/", views_assembly.AssemblyDetailView.as_view(), name="assembly"),
    path(
        "assemblees/<int:pk>/modifier/", views_assembly.AssemblyUpdateView.as_view(), name="assembly_update"
    ),
    path(
        "assemblees/<int:pk>/deliberation/",
        views_assembly.ResolutionCreateView.as_view(),
        name="resolution_create",
    ),
    path(scope, views.ReportView.as_view(), name="report"),
    path(scope + "textes/", views.NarrativeView.as_view(), name="narrative"),
    path(scope + "pdf/", views.PdfView.as_view(), name="pdf"),
    path(scope + "docx/", views.DocxView.as_view(), name="docx"),
    path(scope + "tableaux/<slug:slug>.<str:fmt>", views.TableExportView.as_view(), name="table_export"),
    path(scope + "anct.<str:fmt>", views.AnctExportView.as_view(), name="anct"),
    path(scope + "versions/<int:number>/pdf/", views.VersionPdfView.as_view(), name="version_pdf"),
    path(scope + "versions/comparer/", views.CompareView.as_view(), name="compare"),
]

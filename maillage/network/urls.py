from django.urls import path

from maillage.network.views import consents, gdpr, governance, imports, organisations, people

app_name = "network"
urlpatterns = [
    # Organisations
    path("organisations/", organisations.OrganisationListView.as_view(), name="organisations"),
    path(
        "organisations/export/", organisations.OrganisationExportView.as_view(), name="organisations_export"
    ),
    path(
        "organisations/nouvelle/", organisations.OrganisationCreateView.as_view(), name="organisation_create"
    ),
    path("organisations/<int:pk>/", organisations.OrganisationDetailView.as_view(), name="organisation"),
    path(
        "organisations/<int:pk>/modifier/",
        organisations.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    # People, positions, consents
    path("personnes/", people.PersonListView.as_view(), name="people"),
    path("personnes/export/", people.PersonExportView.as_view(), name="people_export"),
    path("personnes/nouvelle/", people.PersonCreateView.as_view(), name="person_create"),
    path("personnes/doublons/", gdpr.DuplicateListView.as_view(), name="duplicates"),
    path("personnes/fusion/<int:first>/<int:second>/", gdpr.MergeView.as_view(), name="merge"),
    path("personnes/<int:pk>/", people.PersonDetailView.as_view(), name="person"),
    path("personnes/<int:pk>/modifier/", people.PersonUpdateView.as_view(), name="person_update"),
    path("personnes/<int:pk>/conserver/", people.PersonKeepView.as_view(), name="person_keep"),
    path("personnes/<int:pk>/donnees.json", gdpr.PersonDataView.as_view(), name="person_data"),
    path("personnes/<int:pk>/anonymiser/", gdpr.PersonEraseView.as_view(), name="person_erase"),
    path(
        "personnes/<int:pk>/fonctions/ajouter/", people.PositionCreateView.as_view(), name="position_create"
    ),
    path("fonctions/<int:pk>/modifier/", people.PositionUpdateView.as_view(), name="position_update"),
    path("personnes/<int:pk>/consentements/", consents.ConsentRecordView.as_view(), name="consent_record"),
    path(
        "personnes/<int:pk>/consentements/<str:purpose>/retrait/",
        consents.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    # GIP governance
    path("gouvernance/", governance.GovernanceView.as_view(), name="governance"),
    path("gouvernance/membres/ajouter/", governance.MembershipCreateView.as_view(), name="membership_create"),
    path(
        "gouvernance/membres/<int:pk>/modifier/",
        governance.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "gouvernance/membres/<int:pk>/representants/ajouter/",
        governance.RepresentativeAddView.as_view(),
        name="representative_add",
    ),
    path(
        "gouvernance/representants/<int:pk>/retrait/",
        governance.RepresentativeRemoveView.as_view(),
        name="representative_remove",
    ),
    # Spreadsheet import
    path("imports/", imports.ImportListView.as_view(), name="imports"),
    path("imports/nouveau/", imports.ImportUploadView.as_view(), name="import_upload"),
    path("imports/<int:pk>/colonnes/", imports.ImportMappingView.as_view(), name="import_mapping"),
    path("imports/<int:pk>/simulation/", imports.ImportPreviewView.as_view(), name="import_preview"),
    path("imports/<int:pk>/appliquer/", imports.ImportApplyView.as_view(), name="import_apply"),
    # Public: the link carried by every email
    path("desinscription/<str:token>/", consents.UnsubscribeView.as_view(), name="unsubscribe"),
]

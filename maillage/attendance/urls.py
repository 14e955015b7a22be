from django.urls import path

from maillage.attendance.views import checkin, documents, logs, surveys

app_name = "attendance"
urlpatterns = [
    # Public
    path("emargement/", checkin.SelfCheckinView.as_view(), name="self_checkin"),
    path("questionnaire/<str:token>/", surveys.SurveyAnswerView.as_view(), name="survey_answer"),
    # Staff: one session
    path("seance/<int:pk>/", documents.SessionAttendanceView.as_view(), name="session"),
    path("seance/<int:pk>/pointage/", checkin.CheckinView.as_view(), name="checkin"),
    path("seance/<int:pk>/code/", checkin.CheckinCodeView.as_view(), name="checkin_code"),
    path("seance/<int:pk>/feuille-emargement.pdf", documents.AttendanceSheetView.as_view(), name="sheet"),
    path(
        "seance/<int:pk>/attestations.zip", documents.CertificatesZipView.as_view(), name="certificates_zip"
    ),
    path(
        "seance/<int:pk>/attestations.pdf", documents.CertificatesPdfView.as_view(), name="certificates_pdf"
    ),
    path("seance/<int:pk>/journaux/", logs.ConnectionLogUploadView.as_view(), name="log_upload"),
    path("seance/<int:pk>/questionnaire/", surveys.SessionSurveyView.as_view(), name="session_survey"),
    path(
        "seance/<int:pk>/questionnaire/envoi/",
        surveys.SessionSurveySendView.as_view(),
        name="session_survey_send",
    ),
    path(
        "seance/<int:pk>/questionnaire/export/",
        surveys.SessionSurveyExportView.as_view(),
        name="session_survey_export",
    ),
    # Staff: other objects
    path("inscription/<int:pk>/attestation.pdf", documents.CertificateView.as_view(), name="certificate"),
    path("journal/<int:pk>/", logs.ConnectionLogDetailView.as_view(), name="log"),
    path("journal/ligne/<int:pk>/", logs.ConnectionLogRowResolveView.as_view(), name="log_row_resolve"),
    path("action/<int:pk>/questionnaire/", surveys.ActionSurveyView.as_view(), name="action_survey"),
    path(
        "action/<int:pk>/questionnaire/export/",
        surveys.ActionSurveyExportView.as_view(),
        name="action_survey_export",
    ),
]

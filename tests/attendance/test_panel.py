"""The attendance panel included in the staff session page."""

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from maillage.attendance import marking
from maillage.attendance.models import Attendance
from maillage.programme.models import Session


def test_panel_counts_and_links(rf, session, people):
    marking.set_attendance(people["Diallo"], "matin", True, source=Attendance.Source.STAFF)
    marking.set_attendance(people["Zola"], "matin", True, source=Attendance.Source.STAFF)
    marking.set_attendance(people["Zola"], "apres_midi", False, source=Attendance.Source.STAFF)
    html = render_to_string("attendance/_session_panel.html", {"session": session}, request=rf.get("/"))
    assert "<strong>3</strong> inscrits confirmés" in html
    assert "<strong>2</strong> présents le matin" in html
    assert "<strong>0</strong> présent l&#x27;après-midi" in html  # French: 0 takes the singular
    for name in ("checkin", "sheet", "checkin_code", "certificates_zip", "session_survey"):
        assert reverse(f"attendance:{name}", args=[session.pk]) in html
    # The connection log only for remote and hybrid sessions.
    assert reverse("attendance:log_upload", args=[session.pk]) not in html
    session.format = Session.Format.HYBRID
    html = render_to_string("attendance/_session_panel.html", {"session": session}, request=rf.get("/"))
    assert reverse("attendance:log_upload", args=[session.pk]) in html


def test_staff_session_page_includes_the_panel(staff_client, session, people):
    try:
        url = reverse("programme:session", args=[session.pk])
    except NoReverseMatch:  # the programme pages are not there
        return
    body = staff_client.get(url).content.decode()
    assert "Présences et satisfaction" in body
    assert reverse("attendance:checkin", args=[session.pk]) in body

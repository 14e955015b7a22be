from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "maillage.attendance"
    verbose_name = "Présences et satisfaction"

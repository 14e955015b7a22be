"""Who may see what. Staff pages require an active staff account; some actions require an administrator."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin


class StaffRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Anonymous users are sent to the login page; signed-in non-staff users get a 403."""

    def test_func(self):
        return self.request.user.is_active and self.request.user.is_staff


class AdminRequiredMixin(StaffRequiredMixin):
    """Reserved to administrators (superusers): irreversible or sensitive operations."""

    def test_func(self):
        return super().test_func() and self.request.user.is_superuser

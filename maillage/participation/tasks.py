"""Background tasks (django-tasks): emails leave the web request and are retried by the worker's log."""

from django_tasks import task


@task()
def send_registration_email(kind: str, registration_ids: list[int]) -> int:
    from maillage.participation import emails

    return emails.send(kind, registration_ids)


@task()
def send_session_reminders(session_id: int) -> int:
    from maillage.participation import reminders

    return reminders.send_for_session(session_id)

"""Shared fixtures. The official referential is imported once per test database (a few seconds)."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import UserFactory


def load_referential():
    """The official referential and the managed lists seeded by migrations (a flush removes both)."""
    from maillage.programme.reference import seed_reference_lists
    from maillage.territory.models import Region

    if not Region.objects.exists():
        call_command("import_territory", verbosity=0)
    seed_reference_lists()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_referential()
    yield
    # Threads of live servers and concurrency tests may leave a PostgreSQL session open, which would
    # prevent the test database from being dropped: end them before pytest-django drops it.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and other cached values never leak from one test to the next."""
    from django.core.cache import cache

    from maillage.core.context_processors import _site_config

    cache.clear()
    _site_config.clear()
    yield


@pytest.fixture
def referential(transactional_db):
    """For transactional tests (browser, concurrency): the referential again after a flush."""
    load_referential()


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def admin_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def admin_client(admin_user):
    return _client_for(admin_user)


@pytest.fixture
def user_client(db):
    """A signed-in account that is not staff."""
    return _client_for(UserFactory())


def assert_staff_only(client_anon, client_user, client_staff, url, admin_client=None, method="get"):
    """Anonymous → login page; signed-in non-staff → 403; staff → 200."""
    response = getattr(client_anon, method)(url)
    assert response.status_code == 302 and "/connexion/" in response["Location"], url
    assert getattr(client_user, method)(url).status_code == 403, url
    assert getattr(client_staff, method)(url).status_code == 200, url


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="PostgreSQL uniquement (DATABASE_URL non défini)")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)

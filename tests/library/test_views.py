"""Every library view: who may see it, and what the public sees."""

import pytest
from django.urls import reverse

from maillage.library.models import IngestionJob, Resource, ResourceFile
from tests.conftest import assert_staff_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(resource_factory, theme):
    return resource_factory(
        "Guide de l'évaluation des contrats de ville",
        "Méthodes d'évaluation.",
        themes=[theme],
        description="Un guide pratique.",
    )


@pytest.fixture
def draft(resource_factory):
    return resource_factory("Note interne", "Texte confidentiel", published=False)


def test_staff_pages_are_staff_only(client, user_client, staff_client, published, draft):
    record = ResourceFile.objects.filter(resource=published).first()
    job = IngestionJob.objects.create(file=record, status=IngestionJob.Status.FAILED, error="x")
    for url in [
        reverse("library:staff_list"),
        reverse("library:staff_create"),
        reverse("library:staff_detail", args=[draft.pk]),
        reverse("library:staff_update", args=[draft.pk]),
        reverse("library:jobs"),
    ]:
        assert_staff_only(client, user_client, staff_client, url)
    for url in [
        reverse("library:publish", args=[draft.pk]),
        reverse("library:unpublish", args=[draft.pk]),
        reverse("library:upload", args=[draft.pk]),
        reverse("library:apply_suggestions", args=[record.pk]),
        reverse("library:retry", args=[job.pk]),
    ]:
        response = client.post(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"]
        assert user_client.post(url).status_code == 403
        assert staff_client.post(url).status_code == 302


def test_public_pages_need_no_sign_in(client, published, theme):
    for url in [
        reverse("library:search"),
        published.get_absolute_url(),
        reverse("library:feed_rss"),
        reverse("library:feed_atom"),
        reverse("library:theme_rss", args=[theme.slug]),
        reverse("library:theme_atom", args=[theme.slug]),
        reverse("library:sitemap"),
        reverse("library:oai") + "?verb=Identify",
    ]:
        assert client.get(url).status_code == 200, url


def test_public_never_sees_drafts(client, published, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
    record = ResourceFile.objects.get(resource=draft)
    assert client.get(reverse("library:download", args=[record.pk])).status_code == 404
    page = client.get(reverse("library:search"), {"q": "note"}).content.decode()
    assert "Note interne" not in page
    for url in [reverse("library:feed_rss"), reverse("library:sitemap")]:
        assert "Note interne" not in client.get(url).content.decode()
        assert str(draft.get_absolute_url()) not in client.get(url).content.decode()


def test_staff_search_sees_drafts(staff_client, draft):
    page = staff_client.get(reverse("library:staff_list"), {"q": "confidentiel"}).content.decode()
    assert "Note interne" in page


def test_search_page_shows_snippets_facets_and_pages(client, published):
    page = client.get(reverse("library:search"), {"q": "évaluations"}).content.decode()
    assert "<mark>" in page and "Guide de l&#x27;évaluation" in page
    assert "Publication (1)" in page or "publication (1)" in page


def test_resource_page_has_citation_and_no_person(client, published):
    from tests.factories import PersonFactory

    published.creator_people.add(PersonFactory(first_name="Camille", last_name="Durand"))
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Citer cette ressource" in page and "(2021)" in page
    feed = client.get(reverse("library:feed_rss")).content.decode()
    assert "Durand" not in feed


def test_wrong_slug_redirects(client, published):
    response = client.get(reverse("library:resource", args=[published.pk, "autre"]))
    assert response.status_code == 301 and response["Location"] == published.get_absolute_url()


def test_create_publish_unpublish(staff_client, theme):
    response = staff_client.post(
        reverse("library:staff_create"),
        {
            "title": "Dossier jeunesse",
            "kind": Resource.Kind.DOSSIER,
            "language": "fr",
            "licence": "etalab-2.0",
            "subjects": [theme.pk],
            "description": "Les jeunes des quartiers.",
        },
    )
    resource = Resource.objects.get(title="Dossier jeunesse")
    assert response.status_code == 302 and not resource.is_published
    staff_client.post(reverse("library:publish", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.is_published and resource.published_at
    from maillage.library.search.base import get_backend

    assert get_backend().search("jeunesse").total == 1
    staff_client.post(reverse("library:unpublish", args=[resource.pk]))
    assert get_backend().search("jeunesse").total == 0


def test_home_page_shows_latest_news(client, resource_factory):
    resource_factory("Lancement du réseau des chefs de projet", kind=Resource.Kind.NEWS)
    page = client.get("/").content.decode()
    assert "Lancement du réseau des chefs de projet" in page

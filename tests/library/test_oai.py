"""OAI-PMH: the six verbs validated against the published XML schemas, errors, tokens, and a real harvester."""

from pathlib import Path

import pytest
from django.core import signing
from django.urls import reverse
from lxml import etree

from maillage.library.models import Resource
from maillage.library.oai import provider
from tests.library.conftest import make_resource

SCHEMAS = Path(provider.__file__).parent / "schemas"
NS = {"o": provider.OAI, "dc": provider.DC}


@pytest.fixture(scope="module")
def validators():
    both = etree.fromstring(
        f'''<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:import namespace="{provider.OAI}" schemaLocation="OAI-PMH.xsd"/>
          <xs:import namespace="{provider.OAI_DC}" schemaLocation="oai_dc.xsd"/>
        </xs:schema>''',
        base_url=str(SCHEMAS) + "/",
    )
    return {
        "OAI-PMH.xsd": etree.XMLSchema(both),
        "oai_dc.xsd": etree.XMLSchema(etree.parse(str(SCHEMAS / "oai_dc.xsd"))),
    }


def oai(client, validators, **params):
    response = client.get(reverse("library:oai"), params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    tree = etree.fromstring(response.content)
    validators["OAI-PMH.xsd"].assertValid(tree)
    for dc in tree.iterfind(f".//{{{provider.OAI_DC}}}dc"):
        validators["oai_dc.xsd"].assertValid(etree.ElementTree(dc))
    return tree


def error_code(tree):
    error = tree.find("o:error", NS)
    return error.get("code") if error is not None else None


@pytest.fixture
def records(db, theme):
    published = [
        make_resource(f"Publication {n}", "texte", themes=[theme] if n % 2 else []) for n in range(5)
    ]
    make_resource("Brouillon secret", "texte", published=False)
    return published


def test_identify_formats_sets(client, validators, records, theme):
    assert (
        oai(client, validators, verb="Identify").findtext("o:Identify/o:protocolVersion", namespaces=NS)
        == "2.0"
    )
    formats = oai(client, validators, verb="ListMetadataFormats")
    assert formats.findtext(".//o:metadataPrefix", namespaces=NS) == "oai_dc"
    sets = [s.text for s in oai(client, validators, verb="ListSets").iterfind(".//o:setSpec", NS)]
    assert "type:publication" in sets and f"theme:{theme.slug}" in sets


def test_list_and_get_records(client, validators, records, theme):
    tree = oai(client, validators, verb="ListRecords", metadataPrefix="oai_dc")
    titles = [t.text for t in tree.iterfind(".//dc:title", NS)]
    assert len(titles) == 5 and "Brouillon secret" not in titles
    themed = oai(
        client, validators, verb="ListIdentifiers", metadataPrefix="oai_dc", set=f"theme:{theme.slug}"
    )
    assert len(themed.findall(".//o:header", NS)) == 2
    identifier = provider.oai_identifier(records[0])
    record = oai(client, validators, verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    assert record.findtext(".//dc:title", namespaces=NS) == "Publication 0"
    formats = oai(client, validators, verb="ListMetadataFormats", identifier=identifier)
    assert formats.find(".//o:metadataFormat", NS) is not None


def test_no_personal_data(client, validators, records):
    from tests.factories import OrganisationFactory, PersonFactory

    records[0].creator_people.add(
        PersonFactory(first_name="Camille", last_name="Durand", email="c@example.org")
    )
    records[0].creator_organisations.add(OrganisationFactory(name="CRPV Hauts-de-France"))
    content = client.get(
        reverse("library:oai"), {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    ).content.decode()
    assert "Durand" not in content and "c@example.org" not in content and "CRPV Hauts-de-France" in content


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Dance"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:resource/99999"},
            "idDoesNotExist",
        ),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "hier"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2020-01-01",
                "until": "2021-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "theme:inconnu"}, "badArgument"),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ],
)
def test_errors(client, validators, records, params, code):
    assert error_code(oai(client, validators, **params)) == code


def test_resumption_tokens_are_stable_while_records_are_added(client, validators, db, monkeypatch):
    monkeypatch.setattr(provider, "PAGE_SIZE", 3)
    for n in range(7):
        make_resource(f"Notice {n}", index=False)
    first = oai(client, validators, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//o:resumptionToken", NS)
    assert token.get("completeListSize") == "7" and token.get("cursor") == "0" and token.get("expirationDate")
    seen = [h.text for h in first.iterfind(".//o:identifier", NS)]
    make_resource("Ajoutée pendant le moissonnage", index=False)  # must not shift pages nor appear
    Resource.objects.filter(title="Notice 0").update(title="Notice 0 modifiée")
    while token is not None and token.text:
        page = oai(client, validators, verb="ListIdentifiers", resumptionToken=token.text)
        seen += [h.text for h in page.iterfind(".//o:identifier", NS)]
        token = page.find(".//o:resumptionToken", NS)
    assert len(seen) == len(set(seen)) == 7


def test_tokens_expire_after_a_day_not_an_hour(client, validators, db, monkeypatch):
    monkeypatch.setattr(provider, "PAGE_SIZE", 1)
    make_resource("A", index=False)
    make_resource("B", index=False)
    token = oai(client, validators, verb="ListRecords", metadataPrefix="oai_dc").findtext(
        ".//o:resumptionToken", namespaces=NS
    )
    state = signing.loads(token, salt="library.oai")
    assert state["after"] > 0 and "until" in state
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 3600)
    assert error_code(oai(client, validators, verb="ListRecords", resumptionToken=token)) is None
    monkeypatch.setattr(time, "time", lambda: real() + 25 * 3600)
    assert (
        error_code(oai(client, validators, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    )


@pytest.mark.django_db(transaction=True)
def test_harvest_with_sickle(live_server, monkeypatch):
    from sickle import Sickle

    monkeypatch.setattr(provider, "PAGE_SIZE", 4)
    for n in range(10):
        make_resource(f"Moisson {n}", f"Texte {n}", index=False)
    harvester = Sickle(live_server.url + reverse("library:oai"))
    assert harvester.Identify().protocolVersion == "2.0"
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    assert sorted(r.metadata["title"][0] for r in records) == sorted(f"Moisson {n}" for n in range(10))
    assert len(list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="type:publication"))) == 10

"""OAI-PMH 2.0 data provider: the six verbs, oai_dc, sets by kind (`type:…`) and theme (`theme:…`).

Only published resources are exposed; creators are organisations only (no personal data, see
docs/mediatheque.md). Resumption tokens are signed and carry the whole harvest state: metadata prefix,
set, from, the `until` datestamp frozen at the first request, and the last primary key sent. Resources
added or modified during a harvest therefore never shift pages: they come with the next harvest.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.utils import timezone
from lxml import etree

from maillage.library.models import Resource
from maillage.programme.models import Theme

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
PAGE_SIZE = 100
TOKEN_LIFETIME = datetime.timedelta(hours=24)
GRANULARITY = "%Y-%m-%dT%H:%M:%SZ"
ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _e(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def datestamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime(GRANULARITY)


def parse_datestamp(value: str, end: bool = False) -> tuple[datetime.datetime, str]:
    for fmt, granularity in ((GRANULARITY, "seconds"), ("%Y-%m-%d", "day")):
        try:
            parsed = datetime.datetime.strptime(value, fmt).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if granularity == "day" and end:
            parsed += datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
        elif granularity == "seconds" and end:
            parsed += datetime.timedelta(seconds=1) - datetime.timedelta(microseconds=1)
        return parsed, granularity
    raise OAIError("badArgument", f"Date invalide : {value}")


def repository_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def oai_identifier(resource: Resource) -> str:
    return f"oai:{repository_domain()}:resource/{resource.pk}"


def resource_from_identifier(identifier: str) -> Resource:
    prefix = f"oai:{repository_domain()}:resource/"
    if identifier.startswith(prefix) and identifier[len(prefix) :].isdigit():
        resource = Resource.objects.published().filter(pk=int(identifier[len(prefix) :])).first()
        if resource:
            return resource
    raise OAIError("idDoesNotExist", f"Identifiant inconnu : {identifier}")


def set_specs(resource: Resource) -> list[str]:
    return [f"type:{resource.kind}"] + [f"theme:{theme.slug}" for theme in resource.subjects.all()]


def all_sets() -> list[tuple[str, str]]:
    sets = [(f"type:{value}", f"Type : {label}") for value, label in Resource.Kind.choices]
    sets += [(f"theme:{theme.slug}", f"Thème : {theme.name}") for theme in Theme.objects.order_by("name")]
    return sets


def filter_set(queryset, spec: str):
    kind, _, value = spec.partition(":")
    if kind == "type" and value in Resource.Kind.values:
        return queryset.filter(kind=value)
    if kind == "theme" and Theme.objects.filter(slug=value).exists():
        return queryset.filter(subjects__slug=value)
    raise OAIError("badArgument", f"Ensemble inconnu : {spec}")


class Provider:
    def __init__(self, base_url: str):
        self.base_url = base_url

    def respond(self, params: dict[str, list[str]]) -> bytes:
        root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
        _e(root, f"{{{OAI}}}responseDate", datestamp(timezone.now()))
        request = _e(root, f"{{{OAI}}}request", self.base_url)
        verb = (params.get("verb") or [""])[0]
        try:
            args = self.check(params)
            for key, value in [("verb", verb), *sorted(args.items())]:
                request.set(key, value)
            getattr(self, verb)(root, args)
        except OAIError as exc:
            if exc.code in ("badVerb", "badArgument"):
                request.attrib.clear()  # the protocol wants the bare base URL then
            _e(root, f"{{{OAI}}}error", exc.message, code=exc.code)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def check(self, params: dict[str, list[str]]) -> dict[str, str]:
        verbs = params.get("verb", [])
        if len(verbs) != 1 or verbs[0] not in ARGUMENTS:
            raise OAIError("badVerb", "Verbe absent, répété ou inconnu.")
        required, optional = ARGUMENTS[verbs[0]]
        args = {}
        for key, values in params.items():
            if key == "verb":
                continue
            if key not in required | optional:
                raise OAIError("badArgument", f"Argument non autorisé : {key}")
            if len(values) != 1:
                raise OAIError("badArgument", f"Argument répété : {key}")
            args[key] = values[0]
        if "resumptionToken" in args:
            if len(args) != 1:
                raise OAIError("badArgument", "resumptionToken est exclusif.")
            return args
        missing = required - set(args)
        if missing:
            raise OAIError("badArgument", "Argument manquant : " + ", ".join(sorted(missing)))
        return args

    # --- verbs ------------------------------------------------------------------------------------
    def Identify(self, root, args):  # noqa: N802 (verbs are named by the protocol)
        node = _e(root, f"{{{OAI}}}Identify")
        _e(
            node,
            f"{{{OAI}}}repositoryName",
            getattr(settings, "LIBRARY_OAI_NAME", "Maillage — centre de ressources"),
        )
        _e(node, f"{{{OAI}}}baseURL", self.base_url)
        _e(node, f"{{{OAI}}}protocolVersion", "2.0")
        _e(
            node,
            f"{{{OAI}}}adminEmail",
            getattr(settings, "LIBRARY_OAI_ADMIN_EMAIL", "documentation@maillage.localhost"),
        )
        first = (
            Resource.objects.published().order_by("updated_at").values_list("updated_at", flat=True).first()
        )
        _e(node, f"{{{OAI}}}earliestDatestamp", datestamp(first or timezone.now()))
        _e(node, f"{{{OAI}}}deletedRecord", "no")
        _e(node, f"{{{OAI}}}granularity", "YYYY-MM-DDThh:mm:ssZ")

    def ListMetadataFormats(self, root, args):  # noqa: N802
        if "identifier" in args:
            resource_from_identifier(args["identifier"])
        node = _e(root, f"{{{OAI}}}ListMetadataFormats")
        fmt = _e(node, f"{{{OAI}}}metadataFormat")
        _e(fmt, f"{{{OAI}}}metadataPrefix", "oai_dc")
        _e(fmt, f"{{{OAI}}}schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        _e(fmt, f"{{{OAI}}}metadataNamespace", OAI_DC)

    def ListSets(self, root, args):  # noqa: N802
        if "resumptionToken" in args:
            raise OAIError("badResumptionToken", "Les ensembles tiennent en une seule réponse.")
        node = _e(root, f"{{{OAI}}}ListSets")
        for spec, name in all_sets():
            item = _e(node, f"{{{OAI}}}set")
            _e(item, f"{{{OAI}}}setSpec", spec)
            _e(item, f"{{{OAI}}}setName", name)

    def GetRecord(self, root, args):  # noqa: N802
        self.check_prefix(args["metadataPrefix"])
        resource = resource_from_identifier(args["identifier"])
        node = _e(root, f"{{{OAI}}}GetRecord")
        self.record(node, resource)

    def ListIdentifiers(self, root, args):  # noqa: N802
        self.list(root, args, "ListIdentifiers")

    def ListRecords(self, root, args):  # noqa: N802
        self.list(root, args, "ListRecords")

    # --- helpers ----------------------------------------------------------------------------------
    def check_prefix(self, prefix):
        if prefix != "oai_dc":
            raise OAIError("cannotDisseminateFormat", f"Format non proposé : {prefix} (seul oai_dc l'est).")

    def list(self, root, args, verb):
        if "resumptionToken" in args:
            state = self.read_token(args["resumptionToken"])
        else:
            self.check_prefix(args["metadataPrefix"])
            state = {"prefix": "oai_dc", "set": args.get("set", ""), "after": 0, "cursor": 0}
            granularities = set()
            if "from" in args:
                start, granularity = parse_datestamp(args["from"])
                granularities.add(granularity)
                state["from"] = start.isoformat()
            until = timezone.now()
            if "until" in args:
                end, granularity = parse_datestamp(args["until"], end=True)
                granularities.add(granularity)
                until = min(until, end)
            if len(granularities) > 1:
                raise OAIError("badArgument", "from et until doivent avoir la même granularité.")
            if "from" in state and "until" in args and datetime.datetime.fromisoformat(state["from"]) > until:
                raise OAIError("badArgument", "from est postérieur à until.")
            state["until"] = until.isoformat()
        queryset = Resource.objects.published().filter(
            updated_at__lte=datetime.datetime.fromisoformat(state["until"])
        )
        if state.get("from"):
            queryset = queryset.filter(updated_at__gte=datetime.datetime.fromisoformat(state["from"]))
        if state["set"]:
            queryset = filter_set(queryset, state["set"])
        if "total" not in state:
            state["total"] = queryset.count()
        page = list(
            queryset.filter(pk__gt=state["after"])
            .order_by("pk")
            .prefetch_related(
                "subjects", "creator_organisations", "regions", "departments", "communes", "qpvs", "files"
            )[: PAGE_SIZE + 1]
        )
        if not page:
            raise OAIError("noRecordsMatch", "Aucune notice ne correspond à cette demande.")
        node = _e(root, f"{{{OAI}}}{verb}")
        for resource in page[:PAGE_SIZE]:
            if verb == "ListIdentifiers":
                self.header(node, resource)
            else:
                self.record(node, resource)
        if len(page) > PAGE_SIZE or state["cursor"]:
            self.write_token(node, state, page)

    def write_token(self, node, state, page):
        cursor = state["cursor"]
        attributes = {"completeListSize": str(state["total"]), "cursor": str(cursor)}
        if len(page) > PAGE_SIZE:
            following = {**state, "after": page[PAGE_SIZE - 1].pk, "cursor": cursor + PAGE_SIZE}
            token = signing.dumps(following, salt="library.oai", compress=True)
            expires = timezone.now() + TOKEN_LIFETIME
            _e(node, f"{{{OAI}}}resumptionToken", token, expirationDate=datestamp(expires), **attributes)
        else:
            _e(node, f"{{{OAI}}}resumptionToken", None, **attributes)  # last page: empty token

    def read_token(self, token):
        try:
            return signing.loads(token, salt="library.oai", max_age=TOKEN_LIFETIME)
        except signing.BadSignature as exc:
            raise OAIError("badResumptionToken", "Jeton de reprise invalide ou expiré.") from exc

    def header(self, parent, resource):
        header = _e(parent, f"{{{OAI}}}header")
        _e(header, f"{{{OAI}}}identifier", oai_identifier(resource))
        _e(header, f"{{{OAI}}}datestamp", datestamp(resource.updated_at))
        for spec in set_specs(resource):
            _e(header, f"{{{OAI}}}setSpec", spec)

    def record(self, parent, resource):
        record = _e(parent, f"{{{OAI}}}record")
        self.header(record, resource)
        metadata = _e(record, f"{{{OAI}}}metadata")
        dc = etree.SubElement(metadata, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
        dc.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
        for name, value in dublin_core(resource, self.base_url):
            if value:
                _e(dc, f"{{{DC}}}{name}", value)


def dublin_core(resource: Resource, base_url: str) -> list[tuple[str, str]]:
    site = settings.SITE_URL.rstrip("/")
    values = [("title", resource.title)]
    values += [("creator", org.name) for org in resource.creator_organisations.all()]
    values += [("subject", theme.name) for theme in resource.subjects.all()]
    values += [("description", resource.description)]
    values += [("publisher", resource.publisher)]
    values += [("date", resource.date.isoformat() if resource.date else "")]
    values += [
        ("type", resource.get_kind_display()),
        ("type", "Text" if resource.kind != "lien" else "MovingImage"),
    ]
    values += [("format", mime) for mime in sorted({_mime(f.extension) for f in resource.files.all()} - {""})]
    values += [("identifier", site + resource.get_absolute_url())]
    values += [("identifier", resource.identifier)]
    values += [("language", resource.language)]
    values += [("coverage", str(place)) for place in resource.coverage()]
    values += [("rights", resource.get_licence_display())]
    return values


def _mime(extension: str) -> str:
    return {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text",
        "html": "text/html",
        "htm": "text/html",
        "txt": "text/plain",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "tif": "image/tiff",
        "tiff": "image/tiff",
    }.get(extension, "")

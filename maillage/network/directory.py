"""The network seen from a territory: organisations and people linked to communes, EPCI or QPV.

Territory pages (staff only) call `linked_directory(...)` and include `network/_linked_directory.html`
with the result as `linked_directory`:

    context["linked_directory"] = linked_directory(communes=[commune], qpvs=commune.qpvs.all())
    {% include "network/_linked_directory.html" %}
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from maillage.network.models import Organisation, Person, Position


@dataclass
class LinkedDirectory:
    organisations: QuerySet
    people: QuerySet

    def __bool__(self):
        return self.organisations.exists()


def linked_directory(*, communes=None, epcis=None, qpvs=None) -> LinkedDirectory:
    """Organisations linked to the territory (seat commune, or intervention communes, EPCI, QPV) and the
    people holding an active position in them (anonymised people excluded). Accepts lists or querysets.
    """
    organisations = Organisation.objects.linked_to(communes=communes, epcis=epcis, qpvs=qpvs).select_related(
        "commune"
    )
    active_positions = Position.objects.filter(is_active=True, organisation__in=organisations)
    people = (
        Person.objects.not_anonymised()
        .filter(pk__in=active_positions.values("person"))
        .prefetch_related(
            Prefetch(
                "positions",
                queryset=active_positions.select_related("organisation"),
                to_attr="linked_positions",
            )
        )
    )
    return LinkedDirectory(organisations=organisations, people=people)

from maillage.library.models.document import IngestionJob, Page, ResourceFile
from maillage.library.models.resource import Resource, ResourceQuerySet
from maillage.library.models.search import SearchDocument, SearchTerm

__all__ = [
    "IngestionJob",
    "Page",
    "Resource",
    "ResourceFile",
    "ResourceQuerySet",
    "SearchDocument",
    "SearchTerm",
]

from maillage.library.models.document import IngestionJob, Page, ResourceFile
from maillage.library.models.resource import Resource, ResourceQuerySet
from maillage.library.models.search import SearchDocument, SearchState, SearchTerm

__all__ = [
    "IngestionJob",
    "Page",
    "Resource",
    "ResourceFile",
    "ResourceQuerySet",
    "SearchDocument",
    "SearchState",
    "SearchTerm",
]

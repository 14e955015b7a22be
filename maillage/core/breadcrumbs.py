"""DSFR breadcrumb data: a section root, then the objects above the page, then the page itself."""


def breadcrumb(root: dict, current: str, *objects) -> dict:
    links = [root] + [{"url": obj.get_absolute_url(), "title": str(obj)} for obj in objects]
    return {"links": links, "current": current}


def short(title: str, length: int = 60) -> str:
    """A long title shortened for a breadcrumb, at a word boundary, with an ellipsis."""
    if len(title) <= length:
        return title
    cut = title[: length - 1].rsplit(" ", 1)[0] or title[: length - 1]
    return cut.rstrip(" ,;:(-–") + "…"

"""DSFR breadcrumb data: a section root, then the objects above the page, then the page itself."""


def breadcrumb(root: dict, current: str, *objects) -> dict:
    links = [root] + [{"url": obj.get_absolute_url(), "title": str(obj)} for obj in objects]
    return {"links": links, "current": current}

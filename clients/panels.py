"""Pages that gather fragments from several apps (the client file, the /me/ portal) list them by URL name in
settings, so no app imports one above it. Names that do not resolve (an app not installed) are skipped."""

from django.urls import NoReverseMatch, reverse


def panel_urls(names, **kwargs) -> list[str]:
    urls = []
    for name in names:
        try:
            urls.append(reverse(name, kwargs=kwargs or None))
        except NoReverseMatch:
            continue
    return urls

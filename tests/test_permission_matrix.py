"""URL x persona -> status, for every URL the project defines (see tests/matrix.py)."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.matrix import PERSONAS, Row

OUR_APPS = ("espportal", "clients", "caseload", "employers", "outcomes")


def _rows() -> list[Row]:
    rows = []
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                matrix = importlib.import_module(f"tests.{module.name}.matrix")
            except ModuleNotFoundError:
                continue
            rows.extend(matrix.ROWS)
    return rows


ROWS = _rows()


def _our_url_names(resolver=None, namespace=None) -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":  # Django's admin: operators only, covered by tests/espportal/test_admin.py
                continue
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            names |= _our_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            view = entry.callback
            module = getattr(view, "__module__", "") or ""
            view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            # Ours: views from our apps, and anything named in the root URLconf itself.
            if module.split(".")[0] in OUR_APPS or resolver is None:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_it_covers_every_url_of_ours():
    covered = {row.name for row in ROWS}
    missing = _our_url_names() - covered
    assert not missing, f"URLs missing from the permission matrix: {sorted(missing)}"


def test_it_has_no_rows_for_urls_that_do_not_exist():
    assert {row.name for row in ROWS} <= _our_url_names()


def _resolve(request, dotted: str):
    fixture, *attrs = dotted.split(".")
    value = request.getfixturevalue(fixture)
    for attr in attrs:
        value = getattr(value, attr)
    return value


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_it_answers_each_persona_as_the_matrix_says(request, db, web, row, persona):
    kwargs = {key: _resolve(request, value) for key, value in row.kwargs.items()}
    url = reverse(row.name, kwargs=kwargs)
    if persona != "anonymous":
        web.force_login(request.getfixturevalue(persona))
    response = getattr(web, row.method)(url, row.data)
    assert response.status_code == row.expect[persona], (
        f"{row.method.upper()} {url} as {persona}: {response.status_code}, expected {row.expect[persona]}"
    )

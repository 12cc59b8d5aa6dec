"""A schema-driven fuzz of the whole API (schemathesis): every operation of the OpenAPI schema, as each persona
(counsellor, manager, job seeker, ministry analyst), with generated paths, query parameters and bodies, must never
answer a server error. Examples are bounded (ESP_FUZZ_EXAMPLES per operation and persona) so it fits CI time."""

import json
import os
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core import NotSet

EXAMPLES = int(os.environ.get("ESP_FUZZ_EXAMPLES", "2"))
PERSONAS = ["counsellor_a", "manager_a", "seeker_a", "ministry"]


@pytest.fixture(scope="module")
def api_schema():
    from drf_spectacular.generators import SchemaGenerator

    raw = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(json.loads(json.dumps(raw, default=str)))


def _call(web, case):
    url = case.formatted_path
    if case.query:
        url += "?" + urlencode(case.query, doseq=True)
    if isinstance(case.body, NotSet):
        return web.generic(case.method, url)
    return web.generic(case.method, url, json.dumps(case.body), content_type="application/json")


@pytest.fixture
def some_records(case_a, note_a, task_a, appointment_a, referral_a, transfer_a):
    """Rows for lists and detail routes to find (most generated codes still miss, which is a 404)."""


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_operation_answers_a_server_error(api_schema, request, persona, some_records):
    from django.test import Client as HttpClient

    web = HttpClient(raise_request_exception=False)
    web.force_login(request.getfixturevalue(persona))
    failures, operations = [], 0

    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        def probe(case):
            response = _call(web, case)
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query, case.body, response.status_code))

        probe()

    assert operations > 30
    assert failures == []

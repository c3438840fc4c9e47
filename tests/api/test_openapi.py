"""The OpenAPI document: generated from the code, served with a local docs page, and true.

``test_every_operation_keeps_to_the_document`` sends schema-generated
requests to every documented operation (schemathesis, a few derandomized
examples each) and checks that none answers 5xx and every answer matches
the document.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_document_lists_every_resource(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    for path in (
        "/api/v1/stages",
        "/api/v1/tenants",
        "/api/v1/startups",
        "/api/v1/startups/{startup_id}",
        "/api/v1/startups/{startup_id}/figures/{row_id}",
        "/api/v1/startups/{startup_id}/certifications",
        "/api/v1/applications",
        "/api/v1/applications/{application_id}/reviews",
        "/api/v1/applications/{application_id}/decision",
        "/api/v1/enrollments/{enrollment_id}/milestones/{milestone_id}",
        "/api/v1/enrollments/{enrollment_id}/milestones/{milestone_id}/verify",
        "/api/v1/enrollments/{enrollment_id}/graduation",
    ):
        assert path in paths, path
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    figures = document["components"]["schemas"]["FiguresInput"]
    assert figures["required"] == ["year"]
    assert figures["properties"]["employees"]["maximum"] == 1_000_000


def test_docs_page_uses_local_assets_only(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/openapi.json" in page
    assert "https://" not in page and "http://" not in page
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        assert f"/static/vendor/swagger-ui/{asset}" in page
        response = client.get(f"/static/vendor/swagger-ui/{asset}")
        assert response.status_code == 200
        response.close()


@pytest.mark.parametrize("email", ["founder@tt.cn", "manager@tt.cn"])
def test_every_operation_keeps_to_the_document(world, enrollment, founder, email):
    """Bounded: a few derandomized examples per operation, as a founder and a manager.

    Ids in paths are those of the founder's real objects, so that requests
    reach the validation and the services rather than stopping at 404.
    """
    milestone = founder.get(f"/enrollments/{enrollment['id']}/milestones").get_json()[0]
    row = founder.post(f"/startups/{world.startup.id}/figures", json={"year": 2024}).get_json()
    known = {
        "startup_id": world.startup.id,
        "application_id": enrollment["application_id"],
        "enrollment_id": enrollment["id"],
        "milestone_id": milestone["id"],
        "row_id": row["id"],
    }
    headers = {
        "Authorization": f"Bearer {world.token_for(email)}",
        "Accept-Language": "en",
    }
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", world.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 30

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def exercise(case):
            if case.path_parameters:
                case.path_parameters = {
                    **case.path_parameters,
                    **{k: known[k] for k in case.path_parameters if k in known},
                }
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        exercise()

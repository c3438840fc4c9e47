"""Property-based posts to every form: no server error, and a refused post writes nothing.

The forms are read from every page the sweep's people can open (so forms
built at run time are included); hypothesis fills each field with values of
its kind and with hostile ones (NUL, huge strings, odd numbers and dates,
path tricks in file names). Derandomized, so CI sees the same examples.
"""

from __future__ import annotations

import io
import os
import re
import string
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.forms import Field, Form, post_forms
from tests.security.sweep import fetch, routes, row_counts, url_for_rule

#: Who opens the pages: the people with the most forms, and the assigned reviewer.
PEOPLE = ("anonymous", "founder", "manager", "admin", "reviewer1@alpha.cn")
#: Pages with forms that no route of the sweep opens as is (``{name}`` from the world's ids).
EXTRA_PAGES = {
    "founder": ["/t/alpha/apply/accelerator?startup={startup}"],
    "reviewer1@alpha.cn": ["/t/alpha/applications/{application}"],
}
#: Statuses of a post that was refused. A 200 is refused when the form shows a field error
#: (an application that fails its conditions is kept, and shown again with 200).
REFUSED = {400, 403, 404, 413, 422, 429}
FIELD_ERROR = "is-invalid"
#: Posts that would end the session the fuzzing runs in.
SKIPPED = {"/logout"}

EXAMPLES = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "12")),  # more for a deeper run
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "x" * 100_000,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "=cmd|' /C calc'!A0",
        "𠀀𝄞😀",
        "\u202e\ufeff",
        "9" * 400,
        "-1",
        "1e309",
        "NaN",
        "2026-02-30",
        "0000-00-00",
    ]
)
TEXT = st.one_of(st.text(max_size=60), HOSTILE_TEXT)
NUMBER = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    HOSTILE_TEXT,
)
DATE = st.one_of(st.dates().map(lambda d: d.isoformat()), HOSTILE_TEXT)
FILE_NAMES = st.sampled_from(
    ["a.pdf", "../../../etc/passwd", "..\\..\\boot.ini", "/abs/x.png", "\x00.pdf", "", "a" * 300]
)
FILE_BYTES = st.one_of(
    st.binary(max_size=64),
    st.just(b""),
    st.just(b"%PDF-1.4\n%%EOF\n"),
    st.just(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32),
)


def value_of(f: Field):
    if f.kind == "file":
        return st.tuples(FILE_BYTES, FILE_NAMES).map(lambda t: (io.BytesIO(t[0]), t[1]))
    if f.kind in ("select", "radio", "checkbox") and f.options:
        return st.one_of(st.sampled_from(f.options), TEXT)
    if f.kind == "number":
        return NUMBER
    if f.kind == "date":
        return DATE
    if f.kind == "email":
        return st.one_of(st.emails().map(str), TEXT)
    return TEXT


def data_for(form: Form):
    """Each field either left out or given a generated value."""
    return st.fixed_dictionaries(
        {},
        optional={name: value_of(f) for name, f in form.fields.items()},
    )


def discover(world) -> list[tuple[str, object, Form]]:
    """Every (person, their client, post form) on the pages those people can open, once per
    kind of form. The clients log in first: fuzzing the log-in form trips its rate limit."""
    found: dict[tuple, tuple[str, object, Form]] = {}
    for person in PEOPLE:
        client = world.client(person)
        pages = [
            url_for_rule(rule, world.ids)
            for endpoint, rule in sorted(routes(world.app).items())
            if "GET" in rule.methods and endpoint not in ("static", "bootstrap.static")
        ]
        pages += [page.format(**world.ids) for page in EXTRA_PAGES.get(person, [])]
        for url in pages:
            status, body = fetch(client, url)
            if status != 200:
                continue
            for form in post_forms(url, body):
                path = form.action.split("?")[0]
                # The same form for another row (milestone 1, 2, ...) is fuzzed once.
                kind = (person, re.sub(r"/\d+", "/#", path), tuple(sorted(form.fields)))
                if path not in SKIPPED:
                    found.setdefault(kind, (person, client, form))
    # Forms that remove people or rows go last, so that they cannot empty the others.
    return sorted(found.values(), key=lambda f: bool(re.search("remove|delete", f[2].action)))


def test_the_fuzzer_finds_the_forms(world):
    forms = discover(world)
    actions = {form.action.split("?")[0] for _person, _client, form in forms}
    assert len(forms) >= 25
    for expected in (
        "/t/alpha/members",
        "/t/alpha/profile",
        "/startups/new",
        "/account/password",
        "/login",
        "/signup",
        "/t/alpha/apply/accelerator",
        f"/t/alpha/applications/{world.ids['application']}/score",
    ):
        assert expected in actions, sorted(actions)
    assert any(f.multipart for _p, _c, f in forms)  # the evidence upload


def test_a_number_too_large_for_a_float_is_refused_not_a_crash(world):
    """Found by the fuzzer: WTForms' NumberRange raised OverflowError on 400 digits."""
    client = world.client("manager")
    client.post("/language", data={"locale": "en"})
    url = f"/t/alpha/startups/{world.ids['startup']}/ladder/high_tech"
    status, body = fetch(client, url, "POST", data={"tech_advancement": "9" * 400})
    assert status == 200 and "Enter whole points from 0 to" in body


# -- the API's bodies -----------------------------------------------------------------------

#: JSON values of every kind, hostile text included; any key may get any of them.
JSON_VALUE = st.one_of(
    TEXT,
    NUMBER,
    DATE,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(TEXT, st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def api_operations(world) -> list[tuple[str, str, list[str]]]:
    """(method, URL, body keys) of every API operation with a JSON body, from its OpenAPI
    document; path parameters name alpha's objects, as in the sweep."""
    from tests.security.sweep import ROWS

    spec = world.app.test_client().get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    found = []
    for path, operations in spec["paths"].items():
        url = re.sub(r"\{(\w+)\}", lambda m: str(world.ids[ROWS[m.group(1)]]), path)
        for method, operation in operations.items():
            if not isinstance(operation, dict):  # the path's shared "parameters"
                continue
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                schema = schemas[body["schema"]["$ref"].rsplit("/", 1)[1]]
                found.append((method.upper(), url, sorted(schema.get("properties", {}))))
    return found


def test_generated_api_bodies_never_fail_and_refusals_write_nothing(world):
    app = world.app
    problems: list[str] = []
    outcomes: Counter[int] = Counter()
    operations = api_operations(world)
    assert len(operations) >= 15

    def fuzz(role: str, method: str, url: str, keys: list[str]):
        client = app.test_client()
        headers = world.api_headers(role)
        bodies = st.one_of(
            st.fixed_dictionaries({}, optional=dict.fromkeys(keys, JSON_VALUE)),
            st.dictionaries(st.sampled_from([*keys, "unknown", "id", "tenant_id"]), JSON_VALUE),
            JSON_VALUE,  # not an object at all
        )

        @EXAMPLES
        @given(body=bodies)
        def send(body):
            with app.app_context():
                before = row_counts()
            status, _body = fetch(client, url, method, json=body, headers=headers)
            outcomes[status] += 1
            if status >= 500:
                problems.append(f"{role} {method} {url} {body!r:.200}: {status}")
            elif 400 <= status < 500:
                with app.app_context():
                    if row_counts() != before:
                        problems.append(f"{role} {method} {url} {body!r:.200}: refused, wrote rows")

        send()

    for role in ("founder", "manager"):
        for method, url, keys in operations:
            fuzz(role, method, url + ("?tenant=alpha" if role == "manager" else ""), keys)
    assert outcomes[422] >= 20 and sum(c for s, c in outcomes.items() if s < 300) >= 10, outcomes
    assert not problems, "\n".join(problems[:20])


# -- the pages' forms (last: some remove people and rows) ----------------------------------


def test_generated_posts_never_fail_and_refusals_write_nothing(world):
    app = world.app
    problems: list[str] = []
    outcomes: Counter[int] = Counter()
    printable = set(string.printable)

    def fuzz(person: str, client, form: Form):
        @EXAMPLES
        @given(data=data_for(form))
        def post(data):
            with app.app_context():
                before = row_counts()
            kwargs = {"data": data}
            if form.multipart:
                kwargs["content_type"] = "multipart/form-data"
            status, body = fetch(client, form.action, "POST", **kwargs)
            outcomes[status] += 1
            shown = {k: (v if isinstance(v, str) and len(v) < 80 else "…") for k, v in data.items()}
            if status >= 500:
                problems.append(f"{person} POST {form.action} {shown}: {status}")
            elif status in REFUSED or (status == 200 and FIELD_ERROR in body):
                with app.app_context():
                    if row_counts() != before:
                        problems.append(f"{person} POST {form.action} {shown}: refused, wrote rows")

        post()

    for person, client, form in discover(world):
        fuzz(person, client, form)
    # The posts reached the forms: many were refused with messages, some accepted.
    assert outcomes[302] >= 30 and outcomes[200] + outcomes[422] >= 200, outcomes
    assert not problems, "\n".join(p if set(p) <= printable else ascii(p) for p in problems[:20])

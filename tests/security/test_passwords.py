"""Production password hashing meets OWASP ASVS 5.0 Appendix C (argon2id m ≥ 46 MiB, t ≥ 1)."""

from __future__ import annotations

from argon2 import extract_parameters

from core import create_app
from core.auth.passwords import hash_password


def test_the_production_settings_hash_at_or_above_asvs_5_cost(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    # The defaults, not the suite's cheap test settings.
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    with app.app_context():
        stored = hash_password("correct horse battery staple")
    parameters = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert parameters.memory_cost >= 46 * 1024
    assert parameters.time_cost >= 1 and parameters.parallelism >= 1

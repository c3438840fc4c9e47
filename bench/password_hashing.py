"""How long one argon2id hash and one verification take with the production parameters.

Every log-in verifies one hash, and sign-up and password changes make one, so
this is the floor of those requests' latency and bounds how many log-ins a
worker can serve per second.

    .venv/bin/python bench/password_hashing.py
"""

from __future__ import annotations

import statistics
import time

from core import create_app
from core.auth.passwords import hash_password, verify_password

RUNS = 20


def timed(fn) -> list[float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"})
    with app.app_context():
        cfg = app.config
        stored = hash_password("a benchmark password")
        hashing = timed(lambda: hash_password("a benchmark password"))
        verifying = timed(lambda: verify_password(stored, "a benchmark password"))
    print(
        f"argon2id t={cfg['ARGON2_TIME_COST']} m={cfg['ARGON2_MEMORY_COST_KIB']} KiB "
        f"p={cfg['ARGON2_PARALLELISM']}, {RUNS} runs"
    )
    for label, samples in (("hash", hashing), ("verify", verifying)):
        print(f"{label:>6}: median {statistics.median(samples):.1f} ms, max {max(samples):.1f} ms")


if __name__ == "__main__":
    main()

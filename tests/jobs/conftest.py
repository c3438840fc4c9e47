"""Carriers and startups for the job tests: those of the export tests."""

from tests.exchange.conftest import carriers, startups  # noqa: F401

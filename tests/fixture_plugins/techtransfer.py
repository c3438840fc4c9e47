"""A fourth stage that exists only in the tests.

It proves that core gains a stage without any edit: the test suite installs
it through the ``incuchain`` entry-point group, as a third-party package would.
"""

from core.plugin_api import StageSpec, hookimpl

TECHTRANSFER = StageSpec(
    key="techtransfer",
    order=5,
    name_zh="技术转移",
    name_en="Tech transfer",
    next="makerspace",
    default_time_limit_months=12,
)


@hookimpl
def incuchain_stages():
    return [TECHTRANSFER]

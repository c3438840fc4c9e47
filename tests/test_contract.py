"""Meta-tests that keep the plugin contract honest (Datasette and pytest style)."""

from __future__ import annotations

import ast
import inspect
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pluggy
import pytest
from flask_wtf import FlaskForm

from core import hooks, hookspecs
from core.plugin_api import (
    MilestoneTemplate,
    PluginContractError,
    RubricCriterion,
    Rule,
    SettingSpec,
    StageSpec,
    TenantRef,
    hookimpl,
)
from core.plugins import build_plugin_manager, incuchain
from core.stages import build_stage_registry

ROOT = Path(__file__).resolve().parent.parent
HOOK_NAMES = sorted(
    name for name, fn in vars(hookspecs).items() if name.startswith("incuchain_") and callable(fn)
)


@pytest.fixture
def techtransfer_installed(install_plugins):
    install_plugins(techtransfer="tests.fixture_plugins.techtransfer")


# -- the contract is documented and tested ----------------------------------


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_every_hookspec_is_documented(name):
    spec = getattr(hookspecs, name)
    doc = inspect.getdoc(spec) or ""
    opts = spec.incuchain_spec
    for arg in inspect.signature(spec).parameters:
        assert f":param {arg}:" in doc, f"{name} does not document parameter {arg}"
    assert ":returns:" in doc or "Event" in doc
    if opts.get("firstresult"):
        assert "first non-None" in doc
    else:
        assert "Collecting" in doc or "Event" in doc
    assert "Example::" in doc


def test_hook_names_tell_how_they_are_called():
    """A past participle is an event that returns nothing; a firstresult hook may answer
    ``None``; a collecting hook returns a list (or dictionaries core merges)."""
    for name in HOOK_NAMES:
        spec = getattr(hookspecs, name)
        firstresult = spec.incuchain_spec.get("firstresult")
        returns = str(inspect.signature(spec).return_annotation)
        if name.endswith("ed"):
            assert returns == "None" and not firstresult, f"{name} is an event"
            assert "Event: return value ignored" in inspect.getdoc(spec)
        elif firstresult:
            assert returns.endswith("| None"), f"{name} is firstresult"
        else:
            assert returns.startswith(("list[", "dict[")), f"{name} collects"


def test_every_hook_has_a_test():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("tests/**/test_*.py"))
    missing = [n for n in HOOK_NAMES if f"def test_hook_{n}" not in sources]
    assert not missing, f"hooks without a test_hook_<name> test: {missing}"


def test_plugin_manager_belongs_to_its_app(make_app):
    first, second = make_app(), make_app()
    assert first.extensions["incuchain"].pm is not second.extensions["incuchain"].pm


# -- core knows no stage -------------------------------------------------------


def stage_words(app) -> set[str]:
    with app.app_context():
        words = set()
        for stage in incuchain().stages:
            words.update({stage.key, stage.name_zh, stage.name_en.lower()})
        return words


def stage_name_pattern(app) -> re.Pattern:
    """Any stage's key or name, anywhere: inside identifiers too, in any case."""
    words = stage_words(app) | {"众创空间", "孵化器", "加速器"}
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


@pytest.mark.parametrize(
    "line",
    ["incubator_rules = []", "IS_MAKERSPACE = True", "class AcceleratorForm:", "孵化器名称"],
)
def test_the_stage_name_check_catches_identifiers(app, line):
    assert stage_name_pattern(app).search(line)


def test_core_names_no_stage(app):
    pattern = stage_name_pattern(app)
    offenders = []
    for folder in ("core", "templates"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".txt", ".css", ".js"}:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    if pattern.search(line):
                        offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "core names a stage:\n" + "\n".join(offenders)


def imported_modules(path: Path) -> list[tuple[str, int]]:
    """``(module, relative level)`` for each import statement of a source file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, 0) for alias in node.names)
    return found


def test_plugins_import_only_the_public_api():
    """From core, a plugin imports ``core.plugin_api``; it never imports another plugin.

    Anything else is a third-party dependency, the policy library
    ``incuchain_policy`` included: nothing under plugins/ is a special case.
    """
    for path in (ROOT / "plugins").rglob("*.py"):
        own = path.relative_to(ROOT / "plugins").parts[0]
        for module, level in imported_modules(path):
            assert level <= 1, f"{path}: relative import leaves its package"
            parts = module.split(".") if level == 0 else [""]
            if parts[0] == "core":
                assert module == "core.plugin_api", f"{path}: imports {module}"
            if parts[0] == "plugins":
                assert parts[1:2] == [own], f"{path}: imports another plugin, {module}"


# -- stages --------------------------------------------------------------------


def test_hook_incuchain_stages(app):
    with app.app_context():
        stages = list(incuchain().stages)
    assert [s.key for s in stages] == ["makerspace", "incubator", "accelerator"]
    assert [s.next for s in stages] == ["incubator", "accelerator", None]
    assert stages[1].name_zh == "孵化器"
    assert stages[1].default_time_limit_months == 48


def test_stages_command_prints_chain_order_key_first(runner):
    result = runner.invoke(args=["stages"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["makerspace", "incubator", "accelerator"]
    assert "48 months" in lines[1]


def test_fourth_stage_from_an_installed_package_needs_no_core_change(
    make_app, techtransfer_installed, factory
):
    app = make_app(INCUCHAIN_LOAD_ENTRYPOINTS=True)
    runner = app.test_cli_runner()
    lines = runner.invoke(args=["stages"]).output.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "techtransfer",
        "makerspace",
        "incubator",
        "accelerator",
    ]
    client = app.test_client()
    page = client.get("/").get_data(as_text=True)
    assert 'data-stage="techtransfer"' in page and "技术转移" in page
    assert client.get("/stages/techtransfer").status_code == 200

    from core.tenancy.models import Role
    from tests.conftest import Factory

    factory = Factory(app)
    tenant = factory.tenant("tt-carrier", stages=("techtransfer", "makerspace"))
    factory.member(tenant, "m@tt.example.cn", Role.MANAGER)
    client.post("/login", data={"email": "m@tt.example.cn", "password": "correct horse battery"})
    nav = client.get("/t/tt-carrier/").get_data(as_text=True)
    assert 'href="/t/tt-carrier/stages/techtransfer"' in nav
    assert client.get("/t/tt-carrier/stages/techtransfer").status_code == 200


def test_entry_points_are_ignored_when_switched_off(make_app, techtransfer_installed):
    app = make_app(INCUCHAIN_LOAD_ENTRYPOINTS=False)
    assert "techtransfer" not in app.extensions["incuchain"].stages


def test_builtin_plugins_can_be_restricted(make_app):
    app = make_app(INCUCHAIN_PLUGINS=["plugins.accelerator"])
    assert app.extensions["incuchain"].stages.keys() == ("accelerator",)


def test_an_unknown_builtin_plugin_name_fails_at_start_up(make_app):
    with pytest.raises(PluginContractError, match="plugins.incubatr"):
        make_app(INCUCHAIN_PLUGINS=["plugins.incubatr"])


def test_a_misspelt_hookimpl_fails_at_start_up(make_app, install_plugins):
    install_plugins(misspelt="tests.fixture_plugins.misspelt")
    with pytest.raises(pluggy.PluginValidationError, match="incuchain_stage"):
        make_app(INCUCHAIN_LOAD_ENTRYPOINTS=True)


def plugin(name: str, **hookimpls) -> SimpleNamespace:
    """A plugin object named ``name`` whose hooks are the given functions."""
    return SimpleNamespace(__name__=name, **{k: hookimpl(v) for k, v in hookimpls.items()})


def rule(code: str) -> Rule:
    return Rule(code=code, label_zh=code, label_en=code, citation="test", check=lambda ctx: None)


def milestone(key: str) -> MilestoneTemplate:
    return MilestoneTemplate(key=key, title_zh=key, title_en=key, due_after_months=1)


def setting(key: str) -> SettingSpec:
    return SettingSpec(key=key, label_zh=key, label_en=key, type="int", default=1)


@pytest.mark.parametrize(
    ("hook", "stage", "item", "message"),
    [
        ("incuchain_intake_rules", "makerspace", rule("team_size"), "rule code 'team_size'"),
        (
            "incuchain_graduation_rules",
            "incubator",
            rule("two_year_revenue"),
            "rule code 'two_year_revenue'",
        ),
        (
            "incuchain_milestone_templates",
            "accelerator",
            milestone("scale_up"),
            "milestone key 'scale_up'",
        ),
        (
            "incuchain_review_rubric",
            "incubator",
            RubricCriterion(key="team", label_zh="团队", label_en="Team", weight=1),
            "rubric key 'team'",
        ),
        ("incuchain_stage_settings", "incubator", setting("max_employees"), "'max_employees'"),
    ],
)
def test_a_key_used_twice_fails_at_start_up_naming_both_plugins(
    make_app, hook, stage, item, message
):
    """Not on the first request: ``create_app`` calls the hooks with a default carrier."""
    clash = plugin(
        "provincial", **{hook: lambda stage, _item=item, _at=stage: [_item] * (stage == _at)}
    )
    owner = f"plugins.{stage}"
    with pytest.raises(
        PluginContractError, match=rf"{message} is declared twice, by '{owner}' and 'provincial'"
    ):
        make_app(INCUCHAIN_EXTRA_PLUGINS=[clash])


def test_core_declares_the_time_limit_so_a_stage_must_not(make_app):
    twice = plugin("limits", incuchain_stage_settings=lambda stage: [setting("time_limit_months")])
    with pytest.raises(PluginContractError, match="core declares it from StageSpec"):
        make_app(INCUCHAIN_EXTRA_PLUGINS=[twice])


@pytest.mark.parametrize(
    ("hookimpls", "message"),
    [
        ({"incuchain_intake_rules": lambda: ["not a rule"]}, "must return Rule objects"),
        ({"incuchain_milestone_templates": lambda: rule("x")}, "must return a list"),
        ({"incuchain_graduation_rules": lambda: 1 / 0}, "raised ZeroDivisionError"),
        (
            {
                "incuchain_stages": lambda: [
                    StageSpec(key="bare", order=99, name_zh="空", name_en="Bare")
                ]
            },
            "stage 'bare' has no intake form",
        ),
        (
            {"incuchain_intake_rules": lambda: [replace(rule("soft"), severity="mild")]},
            "severity 'mild'",
        ),
    ],
)
def test_a_broken_answer_fails_at_start_up_naming_the_plugin(make_app, hookimpls, message):
    with pytest.raises(PluginContractError, match=rf"plugin 'broken'.*{message}"):
        make_app(INCUCHAIN_EXTRA_PLUGINS=[plugin("broken", **hookimpls)])


def test_any_plugin_overrides_a_declared_answer_and_adds_to_the_collections(make_app):
    intake = plugin("carrier_design", incuchain_intake_form=lambda stage: None)

    def ours(stage, tenant):
        return type("OurForm", (FlaskForm,), {}) if stage == "incubator" else None

    override = plugin("override", incuchain_intake_form=ours)
    extra = plugin(
        "provincial",
        incuchain_graduation_rules=lambda stage: (
            [rule("provincial")] if stage == "incubator" else []
        ),
    )
    other = make_app(INCUCHAIN_EXTRA_PLUGINS=[intake, override, extra])
    with other.app_context():
        ref = TenantRef(id=1, slug="x", name_zh="x", name_en="x")
        assert hooks.intake_form("incubator", ref).__name__ == "OurForm"
        assert hooks.intake_form("makerspace", ref).__name__ == "MakerspaceIntakeForm"
        codes = [r.code for r in hooks.graduation_rules("incubator", ref)]
        assert codes[0] == "provincial" and "two_year_revenue" in codes


def registry_of(*stage_lists):
    pm = build_plugin_manager([], load_entrypoints=False)
    for index, stages in enumerate(stage_lists):

        class Plugin:
            @hookimpl
            def incuchain_stages(self, _stages=stages):
                return list(_stages)

        pm.register(Plugin(), name=f"plugin{index}")
    return build_stage_registry(pm)


def spec(key, order=1, next=None):
    return StageSpec(key=key, order=order, name_zh=key, name_en=key, next=next)


def test_registry_orders_by_order_then_key():
    registry = registry_of([spec("bb", 2), spec("aa", 2)], [spec("cc", 1, next="aa")])
    assert registry.keys() == ("cc", "aa", "bb")


@pytest.mark.parametrize(
    ("stage_lists", "message"),
    [
        (([spec("aa")], [spec("aa")]), "already defined by 'plugin0'"),
        (([spec("aa", next="zz")],), "unknown stage 'zz'"),
        (([spec("aa", next="bb"), spec("bb", next="aa")],), "cycle"),
        (([spec("Bad Key")],), "malformed stage key"),
        (([object()],), "must return Stage or StageSpec"),
    ],
)
def test_registry_rejects_broken_contracts(stage_lists, message):
    with pytest.raises(PluginContractError, match=message):
        registry_of(*stage_lists)


def test_registry_is_frozen(app):
    registry = app.extensions["incuchain"].stages
    with pytest.raises(TypeError):
        registry._by_key["xx"] = spec("xx")
    with pytest.raises(AttributeError):
        registry.get("incubator").key = "y"


def test_every_hook_is_in_the_plugin_guide_with_its_parameters():
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in HOOK_NAMES:
        args = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        assert f"### {name}({args})" in guide, f"docs/plugins.md lacks a section for {name}"


def test_core_chooses_a_language_in_one_place():
    """``core.plugin_api.bilingual`` (``bilingual``/``english`` in templates) decides zh or en."""
    check = re.compile(r"""startswith\(\s*["']en["']\s*\)|==\s*["']en["']""")
    chooser = ROOT / "core" / "plugin_api" / "_text.py"
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("core", "templates", "plugins")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".py", ".html"} and path != chooser
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if check.search(line)
    ]
    assert not offenders, "a language chosen by hand:\n" + "\n".join(offenders)

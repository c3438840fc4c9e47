"""The stage registry: every stage the installed plugins define, in chain order."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

import pluggy

from core.plugin_api import STAGE_KEY_PATTERN, PluginContractError, StageSpec


class StageRegistry:
    """An immutable, validated view of the stages, in chain order."""

    def __init__(self, stages: list[StageSpec]) -> None:
        ordered = sorted(stages, key=lambda s: (s.order, s.key))
        self._stages: tuple[StageSpec, ...] = tuple(ordered)
        self._by_key = MappingProxyType({s.key: s for s in ordered})

    def __iter__(self) -> Iterator[StageSpec]:
        return iter(self._stages)

    def __len__(self) -> int:
        return len(self._stages)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> StageSpec | None:
        return self._by_key.get(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self._stages)

    def in_order(self, keys) -> list[StageSpec]:
        """The known stages among ``keys``, in chain order; unknown keys are skipped."""
        wanted = set(keys or ())
        return [s for s in self._stages if s.key in wanted]


def build_stage_registry(pm: pluggy.PluginManager) -> StageRegistry:
    """Collect ``incuchain_stages`` from every plugin, validate, and freeze."""
    owner: dict[str, str] = {}
    stages: list[StageSpec] = []
    for impl in pm.hook.incuchain_stages.get_hookimpls():
        plugin_name = impl.plugin_name
        for spec in impl.function() or []:
            if not isinstance(spec, StageSpec):
                raise PluginContractError(
                    f"plugin {plugin_name!r}: incuchain_stages must return StageSpec objects"
                )
            if not STAGE_KEY_PATTERN.match(spec.key):
                raise PluginContractError(
                    f"plugin {plugin_name!r}: malformed stage key {spec.key!r}"
                )
            if spec.key in owner:
                raise PluginContractError(
                    f"plugin {plugin_name!r}: stage {spec.key!r} "
                    f"is already defined by {owner[spec.key]!r}"
                )
            owner[spec.key] = plugin_name
            stages.append(spec)
    by_key = {s.key: s for s in stages}
    for spec in stages:
        if spec.next is not None and spec.next not in by_key:
            raise PluginContractError(
                f"plugin {owner[spec.key]!r}: stage {spec.key!r} is followed by "
                f"unknown stage {spec.next!r}"
            )
    for spec in stages:
        seen = {spec.key}
        step = spec
        while step.next is not None:
            if step.next in seen:
                raise PluginContractError(
                    f"plugin {owner[spec.key]!r}: the stages following {spec.key!r} form a cycle"
                )
            seen.add(step.next)
            step = by_key[step.next]
    return StageRegistry(stages)

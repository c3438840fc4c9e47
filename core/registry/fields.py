"""The fixed, bilingual list of technology fields a startup can work in.

The keys are stored; the names are shown. The list follows the fields of the
《国家重点支持的高新技术领域》 and the city's own industries (new materials,
nylon and carbon materials, special steel).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechField:
    key: str
    name_zh: str
    name_en: str

    def name(self, locale: str) -> str:
        return self.name_en if locale.startswith("en") else self.name_zh


TECH_FIELDS: tuple[TechField, ...] = (
    TechField("electronic_information", "电子信息", "Electronic information"),
    TechField("integrated_circuits", "集成电路", "Integrated circuits"),
    TechField("biomedicine", "生物医药", "Biomedicine"),
    TechField("modern_agriculture", "现代农业", "Modern agriculture"),
    TechField("aerospace", "航空航天", "Aerospace"),
    TechField("new_materials", "新材料", "New materials"),
    TechField("nylon_materials", "尼龙新材料", "Nylon materials"),
    TechField("carbon_materials", "新型碳材料", "Carbon materials"),
    TechField("special_steel", "特殊钢", "Special steel"),
    TechField("high_tech_services", "高技术服务", "High-tech services"),
    TechField("new_energy", "新能源与节能", "New energy and energy saving"),
    TechField("environmental", "资源与环境", "Resources and environment"),
    TechField("advanced_manufacturing", "先进制造与自动化", "Advanced manufacturing"),
)

FIELDS_BY_KEY = {f.key: f for f in TECH_FIELDS}

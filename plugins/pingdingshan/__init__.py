"""Pingdingshan's and Henan's own kinds: the city's industries and the provincial gazelle.

The city names new materials, nylon and carbon materials and special steel as
its own industries (city-innovation-report.md); 河南省瞪羚企业 is a provincial
recognition whose term the province sets, so it lasts to the end date on its
certificate. A plugin like any third-party one: switching it off leaves their
stored keys shown as they are.
"""

from core.plugin_api import CERTIFICATION, TECH_FIELD, Term, hookimpl

TERMS = (
    Term(
        vocabulary=TECH_FIELD,
        key="nylon_materials",
        label_zh="尼龙新材料",
        label_en="Nylon materials",
        order=61,
    ),
    Term(
        vocabulary=TECH_FIELD,
        key="carbon_materials",
        label_zh="新型碳材料",
        label_en="Carbon materials",
        order=62,
    ),
    Term(
        vocabulary=TECH_FIELD,
        key="special_steel",
        label_zh="特殊钢",
        label_en="Special steel",
        order=63,
    ),
    Term(
        vocabulary=CERTIFICATION,
        key="gazelle",
        label_zh="瞪羚企业",
        label_en="Gazelle enterprise (瞪羚)",
        order=50,
        citation="河南省瞪羚企业认定(省科技厅); 有效期以证书载明为准",
    ),
)


@hookimpl
def incuchain_vocabulary():
    return list(TERMS)

"""Showing an application's answers as the applicant saw the questions."""

from __future__ import annotations

from core.applications.operations import answer_fields, answers_formdata


def answer_rows(form_class, answers: dict) -> list[tuple[str, str]]:
    """``(question, answer)`` pairs, choices shown by their labels, in form order."""
    form = form_class(formdata=answers_formdata(answers), meta={"csrf": False})
    rows = []
    for field in answer_fields(form):
        choices = (
            {choice.value: choice.label for choice in field.iter_choices()}
            if hasattr(field, "iter_choices")
            else {}
        )
        if isinstance(field.data, list):
            shown = "、".join(str(choices.get(v, v)) for v in field.data)
        elif choices:
            shown = str(choices.get(field.data, field.data or ""))
        elif isinstance(field.data, bool):
            shown = "✓" if field.data else "—"
        else:
            shown = "" if field.data is None else str(field.data)
        rows.append((str(field.label.text), shown))
    return rows

"""An application's answers: as typed (stored), as values (for the rules), as shown."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict


def answer_fields(form) -> list:
    return [f for f in form if f.type not in {"CSRFTokenField", "SubmitField"}]


def raw_answers(form) -> dict[str, list[str]]:
    """What the applicant typed, field by field, exactly as sent (JSON-ready)."""
    return {f.name: [str(v) for v in (f.raw_data or [])] for f in answer_fields(form)}


def typed_answers(form) -> dict:
    """The validated answers as plain values for the rules."""
    return {f.name: f.data for f in answer_fields(form)}


def answers_formdata(answers: dict) -> MultiDict:
    return MultiDict([(k, v) for k, values in (answers or {}).items() for v in values])


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

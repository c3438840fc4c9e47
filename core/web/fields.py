"""Form fields shared by several capabilities' forms."""

from __future__ import annotations

from wtforms import SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxListWidget(ListWidget):
    """A list of checkboxes without bullets or the text-box frame Bootstrap-Flask asks for."""

    def __call__(self, field, **kwargs):
        given = (kwargs.pop("class", "") or kwargs.pop("class_", "")).split()
        kept = [c for c in given if c not in {"form-control", "mb-2", "mr-sm-2", "mb-sm-0"}]
        kwargs["class"] = " ".join(["list-unstyled", "checkbox-list", *kept])
        return super().__call__(field, **kwargs)


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes."""

    widget = CheckboxListWidget(prefix_label=False)
    option_widget = CheckboxInput()

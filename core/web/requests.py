"""The request class: form and query values never carry NUL characters.

PostgreSQL refuses NUL (0x00) in text columns, so one typed or pasted into any
field would otherwise end in a database error. Dropping it where every form
and query value is parsed protects every page at once.
"""

from __future__ import annotations

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict


class NulFreeMultiDict(ImmutableMultiDict):
    def __init__(self, mapping=None):
        if isinstance(mapping, list):
            mapping = [
                (key, value.replace("\x00", "") if isinstance(value, str) else value)
                for key, value in mapping
            ]
        super().__init__(mapping)


class IncuChainRequest(Request):
    parameter_storage_class = NulFreeMultiDict

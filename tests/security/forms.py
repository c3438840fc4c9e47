"""The post forms of rendered pages: where each posts and which fields it sends.

Read from the HTML rather than from the form classes, so that forms built at
run time (intake forms, stage settings, expert items) are found too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, email, file, checkbox, radio, select, textarea, hidden
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    multipart: bool = False

    def key(self) -> tuple:
        return (self.action, tuple(sorted(self.fields)))


class _Parser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            action = urlsplit(urljoin(self.page_url, a.get("action") or self.page_url))
            target = action.path + (f"?{action.query}" if action.query else "")
            self.current = Form(target, multipart="multipart" in (a.get("enctype") or ""))
            return
        if tag == "option" and self.select is not None:
            self.select.options.append(a.get("value", ""))
            return
        if self.current is None or not a.get("name") or a["name"] == "csrf_token":
            return
        name = a["name"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            known = self.current.fields.get(name)
            if known and kind in ("radio", "checkbox"):
                known.options.append(a.get("value", "y"))
            else:
                self.current.fields[name] = Field(name, kind, [a.get("value", "y")])
        elif tag == "button" and a.get("value"):
            self.current.fields.setdefault(name, Field(name, "select")).options.append(a["value"])
        elif tag == "textarea":
            self.current.fields[name] = Field(name, "textarea")
        elif tag == "select":
            self.select = self.current.fields[name] = Field(name, "select")

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None
        elif tag == "select":
            self.select = None


def post_forms(page_url: str, html: str) -> list[Form]:
    parser = _Parser(page_url)
    parser.feed(html)
    return parser.forms

"""Steps of logging in that capabilities above ``core.auth`` add after the password.

Whoever has proved the password (at log-in, by an emailed reset or
verification link) is not logged in yet: each step handed down here may
answer instead, and the session starts only when none does. 2-step
verification (``core.mfa``) is such a step: it sends a user who has it on to
enter a code, and starts the session itself once the code is right. A step
is ``step(user, next_path, via)``, ``via`` naming how the password was
proved (``"password"``, ``"reset"``, ``"email"``); it returns a response, or
``None`` to let the log-in go on.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

#: ``app.extensions`` key of the steps, in the order they were added.
KEY = "incuchain_login_steps"

Step = Callable[..., object]


def add(app: Flask, step: Step) -> None:
    app.extensions.setdefault(KEY, []).append(step)


def answer(user, next_path: str, via: str):
    """The first step's response for ``user``; ``None`` when every step lets them in."""
    for step in current_app.extensions.get(KEY, []):
        response = step(user, next_path, via)
        if response is not None:
            return response
    return None

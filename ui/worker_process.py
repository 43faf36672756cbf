"""The far side of `Op.in_process`: what a killable worker process runs.

No Qt here: the spawned process imports this module (and the function it is given), and a
child that has to load Qt to start would take seconds before doing any work.
"""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing.connection import Connection


def describe(exc: BaseException) -> str:
    """One line for the rep: the exception's own message (ours name the file and the cause),
    else its kind. Never a traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return text or type(exc).__name__


def run_in_child(
    connection: Connection, fn: Callable[..., object], args: tuple, kwargs: dict
) -> None:
    try:
        answer: tuple[str, object] = ("ok", fn(*args, **kwargs))
    except Exception as exc:  # noqa: BLE001 - any failure is one message for the rep
        answer = ("failed", describe(exc))
    try:
        connection.send(answer)
    except Exception as exc:  # noqa: BLE001 - an answer that cannot be pickled
        connection.send(("failed", f"could not hand back the result ({describe(exc)})"))
    finally:
        connection.close()

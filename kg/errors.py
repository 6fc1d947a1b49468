"""How an error reads in one line for users (the build's per-document messages, the CLI's last resort)."""
from __future__ import annotations


def reason(exc: BaseException) -> str:
    """The message of expected errors, the type name and message of unexpected ones, on one line."""
    text = " ".join(str(exc).split())
    if isinstance(exc, (ValueError, RuntimeError, OSError)) and text:
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

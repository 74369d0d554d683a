"""How a report prints numbers."""

from __future__ import annotations

__all__ = ["format_number"]


def format_number(value: float, decimals: int, decimal: str, thousands: bool = False) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    if decimal == ",":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text

"""Filters the report templates use: user text made safe for Markdown and Mermaid, numbers."""

from __future__ import annotations

import re
from typing import Any


def format_number(value: float, *, places: int = 2) -> str:
    """A number as people write it: 52,000 or 1.35, without trailing zeros."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{round(value):,}"
    text = f"{value:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+>]|#+|\d+[.)])(?=\s|$)", re.MULTILINE)


_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
"""An ampersand that would start a character reference, such as &lt; or &#60;: the only
one Markdown would not show as typed."""
_MD_PLAIN = re.compile(r"[^\\`*_\[\]|~&<\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")
"""Text with nothing to escape and a single line: most answers and prompts."""


def markdown_text(text: Any) -> str:
    """User text made inert in Markdown: no markup, no HTML, one line."""
    escaped = str(text)
    if _MD_PLAIN.fullmatch(escaped) and not _MD_LINE_START.match(escaped):
        return escaped.strip()
    escaped = _MD_ENTITY.sub("&amp;", escaped).replace("<", "&lt;")
    escaped = _MD_SPECIAL.sub(r"\\\1", escaped)
    escaped = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    lines = [line.strip() for line in escaped.replace("\r\n", "\n").splitlines()]
    return "<br>".join(line for line in lines if line) if len(lines) > 1 else escaped.strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def mermaid_text(text: Any, limit: int = 40) -> str:
    """Text for a quoted Mermaid label: one line, no double quotes, at most `limit` characters."""
    cleaned = " ".join(_CONTROL.sub(" ", str(text)).split())
    cleaned = cleaned.replace('"', "'").replace("`", "'").replace("#", "No.")
    cleaned = cleaned.replace("<", "‹").replace(">", "›").replace(";", ",")
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return f'"{cleaned}"'


def change_text(value: float | None, places: int = 1) -> str:
    """A change in score with its sign: +12.5, -3.0; 'same' for none; '' when unknown."""
    if value is None:
        return ""
    if value == 0:
        return "same"
    return f"{value:+.{places}f}"


def score_text(score: float | None) -> str:
    """A score as every report shows it: 72.5, or 'not scored'."""
    return "not scored" if score is None else f"{score:.1f}"


def text_bar(score: float | None, width: int = 10) -> str:
    """A score from 0 to 100 as a bar of full and empty cells."""
    if score is None:
        return "░" * width
    full = int(score * width / 100 + 0.5)
    return "█" * full + "░" * (width - full)

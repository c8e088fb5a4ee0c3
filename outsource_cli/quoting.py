"""How a message quotes a key or value from a file: escaped and cut short, never more."""

from __future__ import annotations

MAX_QUOTED_CHARS = 40
"""The most characters of a key or value a message shows; the rest becomes '…'."""

_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional marks, embeddings, overrides and isolates: they reorder what follows."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\", "'": "\\'"}


def _escaped(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    if char.isprintable() and char not in _BIDI:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def quoted(value: object) -> str:
    """A key or value in quotes, as a message shows it: control characters as escapes.

    Only the offending key or value is ever quoted, and only its first MAX_QUOTED_CHARS
    characters (escapes count as what they show): a file that is not what it should be,
    such as a link to a file of secrets, is never echoed.
    """
    text = value if isinstance(value, str) else str(value)
    shown: list[str] = []
    length = 0
    for position, char in enumerate(text):
        piece = _escaped(char)
        if length + len(piece) > MAX_QUOTED_CHARS - 1 and position < len(text) - 1:
            shown.append("…")
            break
        shown.append(piece)
        length += len(piece)
    return "'" + "".join(shown) + "'"

"""Text from a file or from input made safe for a terminal: the one cleaning function.

Everything outsource prints (views, messages, warnings, usage errors) passes through
`clean`, so a checklist, an answers file or an argument can never move the cursor,
retitle the window, ring the bell or reverse the order in which a line reads. The
answers file keeps the text exactly as it was given; the Markdown and HTML outputs pass
through `readable`, which replaces the control characters a terminal acts on (such a file
is often shown with `cat`).
"""

from __future__ import annotations

import re

_SHOWN_AS = "?"
"""What each unsafe character is shown as."""

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline: ESC, BEL, backspace, CR, ...
    "\x7f-\x9f"  # DEL and the C1 controls (\x9b is a one-character ESC [)
    "\u061c\u200e\u200f"  # bidirectional marks: Arabic letter mark, left-to-right, right-to-left
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2066-\u2069"  # bidirectional isolates
    "\ud800-\udfff"  # lone surrogates: bytes of a command line that are not valid text
    "]"
)
"""Characters a terminal acts on, or that reorder what it shows, rather than show.

The letters of right-to-left scripts (Hebrew, Arabic) are ordinary text and stay: only the
invisible controls that override or isolate the reading order go, and with them the marks,
which are invisible too and can make a file name read differently from what it is.
"""


def clean(text: object) -> str:
    """Text from a user or a file, made safe to print: each unsafe character becomes '?'.

    The replacement keeps the length, so positions and styles laid over the text still fit.
    """
    shown = str(text)
    if _UNSAFE.search(shown) is None:
        return shown
    return _UNSAFE.sub(_SHOWN_AS, shown)


_REPLACED_IN_FILES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]"  # C0 and C1 but tab, newline, CR
    "|\r(?!\n)"  # a carriage return ending no line: it sends the cursor back over the line
)


def readable(text: str) -> str:
    """A Markdown or HTML output made safe to show in a terminal or a browser: each control
    character but tab and newline (a carriage return before a newline stays) becomes '?',
    as on the screen, so that the file reads as the terminal showed it.
    """
    if _REPLACED_IN_FILES.search(text) is None:
        return text
    return _REPLACED_IN_FILES.sub(_SHOWN_AS, text)

"""The one cleaning function: what a terminal would act on becomes '?', all else stays."""

from __future__ import annotations

import pytest

from outsource_cli.safe_text import clean, readable

C0 = [chr(code) for code in range(0x20) if chr(code) not in "\n\t"]
C1 = [chr(code) for code in range(0x7F, 0xA0)]  # DEL and C1
BIDI = [
    *(chr(code) for code in range(0x202A, 0x202F)),  # embeddings and overrides
    *(chr(code) for code in range(0x2066, 0x206A)),  # isolates
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u061c",  # Arabic letter mark
]
SURROGATES = ["\udc9b", "\udcff", "\ud800"]  # bytes of a command line that are not text


@pytest.mark.parametrize("char", [*C0, *C1, *BIDI, *SURROGATES], ids=lambda c: f"U+{ord(c):04X}")
def test_each_unsafe_character_becomes_a_question_mark(char: str) -> None:
    assert clean(f"a{char}b") == "a?b"


@pytest.mark.parametrize(
    "text",
    [
        "Plain text, with punctuation: (50%) & [bold] <b>!",
        "Café, naïve, Ærø, Łódź, São Paulo, Straße",
        "会計と給与の外部委託",  # CJK
        "👩‍💻 🇫🇷 👍🏽",  # emoji with a zero-width joiner, a flag and a skin tone
        "שלום עולם",  # Hebrew: right-to-left letters are text, not controls
        "مرحبا بالعالم",  # Arabic
        "two\nlines\tand a tab",
        "",
    ],
)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert clean(text) == text


def test_a_sequence_keeps_its_length_and_its_printable_part() -> None:
    assert clean("\x1b[2J\x1b]0;pwned\x07\x9b31m\u202eend") == "?[2J?]0;pwned??31m?end"


def test_anything_is_shown_as_its_text() -> None:
    assert clean(42) == "42"


@pytest.mark.parametrize("char", [*C0, *C1, *SURROGATES], ids=lambda c: f"U+{ord(c):04X}")
def test_each_control_in_a_written_output_becomes_a_question_mark(char: str) -> None:
    expected = "a?b" if char != "\n" else "a\nb"
    assert readable(f"a{char}b") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("a line ending\r\nthe Windows way", "a line ending\r\nthe Windows way"),
        ("back\rover", "back?over"),
        ("שלום \u202e עולם", "שלום \u202e עולם"),  # bidirectional marks are not controls here
    ],
)
def test_a_written_output_keeps_its_lines_and_tabs(text: str, expected: str) -> None:
    assert readable(text) == expected

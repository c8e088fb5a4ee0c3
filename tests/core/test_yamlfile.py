"""Strict YAML reading: YAML 1.2 scalars, exact positions, limits; faithful writing."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from outsource_cli import yamlfile, yamlwrite
from outsource_cli.numbers import MAX_NUMBER
from outsource_cli.yamlfile import YamlProblems


def problems(text: str) -> list[str]:
    with pytest.raises(YamlProblems) as caught:
        yamlfile.parse(text, "f.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("012", 12),
        ("0o17", 15),
        ("0x1f", 31),
        ("1.10", 1.1),
        ("-2.5e3", -2500.0),
        ("52,000", "52,000"),
        ("52_000", "52_000"),
        ("2026-11-23", "2026-11-23"),
        ("'true'", "true"),
        ('"012"', "012"),
        ("!!str 12", "12"),
        ("!!float 1", 1.0),
        ("! 12", "12"),
    ],
)
def test_scalars_follow_yaml_1_2(text: str, expected: object) -> None:
    value = yamlfile.parse(f"key: {text}\n", "f.yaml").data["key"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (".inf", "f.yaml:2:4: '.inf' (infinity) is not a number outside a calculation"),
        ("-.Inf", "f.yaml:2:4: '-.Inf' (infinity) is not a number outside a calculation"),
        (".nan", "f.yaml:2:4: '.nan' is not a number outside a calculation"),
        ("!!float .NaN", "f.yaml:2:4: '.NaN' is not a number outside a calculation"),
        ("1e308", "f.yaml:2:4: this number is too large (at most 1,000,000,000,000,000)"),
        ("1e400", "f.yaml:2:4: this number is too large (at most 1,000,000,000,000,000)"),
        ("-1e16", "f.yaml:2:4: this number is too large below zero (at least -1,000,"),
        ("1" * 320, "f.yaml:2:4: this number is too large (at most 1,000,000,000,000,000)"),
        ("0x" + "f" * 4000, "f.yaml:2:4: this number is too large"),
        ("0o" + "7" * 4000, "f.yaml:2:4: this number is too large"),
        ("1000000000000001", "f.yaml:2:4: this number is too large"),
        ("!!int 1" + "0" * 5000, "f.yaml:2:4: this number is too large"),
    ],
)
def test_numbers_outside_the_domain_are_refused(text: str, message: str) -> None:
    found = problems(f"ok: 1\nn: {text}\n")
    assert len(found) == 1
    assert found[0].startswith(message)


@pytest.mark.parametrize(
    "text", ["1000000000000000", "-1000000000000000", "0000000000000000000000001", "1e15", "0.5"]
)
def test_numbers_inside_the_domain_are_read(text: str) -> None:
    assert yamlfile.parse(f"n: {text}\n", "f.yaml").data["n"] == float(text)


def test_numbers_outside_the_domain_are_quoted_when_written() -> None:
    for text in ("1" * 320, "0x" + "f" * 4000, ".inf", ".nan", "1e400"):
        assert yamlfile.parse(yamlwrite.dump({"a": text}), "f.yaml").data == {"a": text}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "[" + "1," * 500_001 + "1]\n",
        "- 1\n" * 500_001,
        "a: &a [1, 2, 3, 4]\nb: [" + "*a, " * 15_000 + "]\nc: [" + "1, " * 430_000 + "]\n",
    ],
)
def test_a_file_of_too_many_values_is_refused_where_it_passes_the_limit(text: str) -> None:
    found = problems(text)
    assert found[-1].endswith("this file holds more than 500,000 values; split it")
    assert not found[-1].startswith("f.yaml:1:1:")


def test_a_lower_depth_limit_can_be_asked_for() -> None:
    text = "a:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 25))
    yamlfile.parse(text, "f.yaml")
    with pytest.raises(YamlProblems) as caught:
        yamlfile.parse(text, "f.yaml", max_depth=20)
    assert "nesting is deeper than 20 levels" in str(caught.value.problems[0])


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('"\\e[31m' + "k" * 60 + '": 1\n"\\e[31m' + "k" * 60 + '": 2\n', "'\\x1b[31mkkk"),
        ("a: !secretsecretsecretsecretsecretsecretsecretsecret 1\n", "'!secretsecret"),
        ("a: *secretsecretsecretsecretsecretsecretsecretsecret\n", "'*secretsecret"),
        ("a: !!int secretsecretsecretsecretsecretsecretsecretsecret\n", "'secretsecret"),
    ],
)
def test_messages_quote_only_the_value_escaped_and_cut_short(text: str, shown: str) -> None:
    found = " ".join(problems(text))
    assert shown in found
    assert "\x1b" not in found
    assert "secret" * 8 not in found and "k" * 60 not in found


def test_positions_of_keys_and_values_are_recorded() -> None:
    doc = yamlfile.parse("top:\n  - id: one\n    type: yesno\n", "f.yaml")
    assert doc.mark(("top", 0, "type")) == yamlfile.Mark(3, 11)
    assert doc.mark(("top", 0, "type"), key=True) == yamlfile.Mark(3, 5)
    assert doc.mark(("top", 0, "missing")) == yamlfile.Mark(2, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a' (first at line 1)"),
        ("a:\n  b: [1, {x: 1, x: 2}]\n", "f.yaml:2:17: duplicate key 'x' (first at line 2)"),
        (
            "a: !!python/object:os.system x\n",
            "f.yaml:1:4: the tag '!!python/object:os.system' is not allowed",
        ),
        (
            "a: !!python/name:os.system\n",
            "f.yaml:1:4: the tag '!!python/name:os.system' is not allowed",
        ),
        ("a: !custom x\n", "f.yaml:1:4: the tag '!custom' is not allowed"),
        ("a: !!int x\n", "f.yaml:1:4: 'x' is not a valid !!int"),
        ("a: *nowhere\n", "f.yaml:1:4: the alias '*nowhere' refers to no anchor before it"),
        ("a: [1\n", "f.yaml:2:1: YAML syntax error: did not find expected ',' or ']'"),
        ("a: b: c\n", "f.yaml:1:5: YAML syntax error: mapping values are not allowed"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a file may hold only one YAML document"),
        ("? [1]\n: 2\n", "f.yaml:1:3: a key must be a plain value"),
        ("a: x\x00y\n", "f.yaml:1:5: the character U+0000 is not allowed in YAML"),
    ],
)
def test_bad_yaml_is_located(text: str, message: str) -> None:
    assert any(found.startswith(message) for found in problems(text)), problems(text)


def test_every_duplicate_key_is_reported() -> None:
    found = problems("a: 1\na: 2\nb: 1\nb: 2\n")
    assert [p.split(": ")[0] for p in found] == ["f.yaml:2:1", "f.yaml:4:1"]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # libyaml refuses more than 1,000 flow levels itself, before any event reaches us
        ("[" * 1000, "f.yaml:1:51"),
        ("".join("  " * level + "a:\n" for level in range(5000)), "f.yaml:51:101"),
    ],
    ids=["flow", "block"],
)
def test_deep_nesting_is_refused_without_recursion(text: str, where: str) -> None:
    assert problems(text) == [f"{where}: nesting is deeper than {yamlfile.MAX_DEPTH} levels"]


def test_an_alias_bomb_is_refused() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    found = problems("\n".join(lines) + "\n")
    assert "aliases here expand to more than 100,000 values" in found[0]


def test_small_anchors_are_fine_and_copied() -> None:
    data = yamlfile.parse("a: &x [1, 2]\nb: *x\n", "f.yaml").data
    assert data == {"a": [1, 2], "b": [1, 2]}
    data["a"].append(3)
    assert data["b"] == [1, 2]


def test_an_oversized_file_is_refused(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (yamlfile.MAX_FILE_BYTES + 1))
    with pytest.raises(YamlProblems) as caught:
        yamlfile.read(path, "big.yaml")
    assert (
        str(caught.value.problems[0])
        == "big.yaml: the file is larger than 5 MB; split it into smaller files"
    )


def test_invalid_utf8_is_located(tmp_path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("a: 1\nb: caf\xe9\n".encode("latin-1"))
    with pytest.raises(YamlProblems) as caught:
        yamlfile.read(path, "latin1.yaml")
    assert str(caught.value.problems[0]).startswith(
        "latin1.yaml:2:7: this is not UTF-8 text (byte 0xe9)"
    )


def test_a_bom_and_utf16_are_read(tmp_path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert yamlfile.read(path).data == {"a": 1}
    path.write_bytes("a: é\n".encode("utf-16"))
    assert yamlfile.read(path).data == {"a": "é"}


TRICKY_TEXT = [
    "yes",
    "no",
    "on",
    "off",
    "012",
    "1.10",
    "0o17",
    "0x10",
    "~",
    "null",
    "",
    " leading",
    "trailing ",
    "line\r\nbreak",
    "next\x85line",
    "line\u2028separator",
    "\ufeffbom",
    "two\nlines",
    "ends with newline\n",
    "  indented\nblock",
    "a: b",
    "- item",
    "# not a comment",
    "[1, 2]",
    "{a: 1}",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "'quoted'",
    '"double"',
    "tab\there",
    "bell\x07",
    "ünïcödé ✓",
    "n/a",
]


@pytest.mark.parametrize("text", TRICKY_TEXT)
def test_strings_round_trip_exactly(text: str) -> None:
    dumped = yamlwrite.dump({"k": text, "list": [text]})
    assert yamlfile.parse(dumped, "f.yaml").data == {"k": text, "list": [text]}
    assert yaml.safe_load(dumped) == {"k": text, "list": [text]}


@pytest.mark.slow
@given(st.text())
def test_any_string_round_trips(text: str) -> None:
    dumped = yamlwrite.dump({"k": text})
    assert yamlfile.parse(dumped, "f.yaml").data == {"k": text}


@pytest.mark.slow
@given(
    st.one_of(
        st.integers(-MAX_NUMBER, MAX_NUMBER),
        st.floats(-MAX_NUMBER, MAX_NUMBER),
        st.booleans(),
        st.none(),
    )
)
def test_plain_values_round_trip(value: object) -> None:
    assert yamlfile.parse(yamlwrite.dump({"k": value}), "f.yaml").data == {"k": value}


TAB = (
    "a tab is used for indenting here; YAML needs spaces: replace the tab with spaces "
    "(your editor may have a setting to indent with spaces)"
)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("id: y\nquestions:\n\t- id: a\n", "f.yaml:3:1"),
        ("id: y\nquestions:\n  - id: a\n    type: yes_no\n\t\n", "f.yaml:5:1"),
    ],
)
def test_a_tab_used_for_indenting_is_named(text: str, where: str) -> None:
    with pytest.raises(YamlProblems) as caught:
        yamlfile.parse(text, "f.yaml")
    assert [str(problem) for problem in caught.value.problems] == [f"{where}: {TAB}"]


def test_a_tab_inside_a_line_is_read_as_yaml_reads_it() -> None:
    assert yamlfile.parse("prompt:\tA?\n", "f.yaml").data == {"prompt": "A?"}

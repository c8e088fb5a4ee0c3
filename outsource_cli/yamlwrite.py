"""Writing plain data as YAML that reads back exactly, under YAML 1.1 and 1.2 readers alike."""

from __future__ import annotations

import math
from typing import Any

import yaml

from .yamlscalars import resolve_plain

_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


class _Dumper(yaml.SafeDumper):
    """A dumper whose strings read back exactly, under YAML 1.1 and 1.2 readers alike."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if "\n" in text and not any(ch in text for ch in _LINE_BREAKS):
        style = "|"  # the emitter falls back to double quotes where a block cannot be exact
    elif resolve_plain(text) is not text and not isinstance(resolve_plain(text), str):
        style = "'"
    elif any(ch in text for ch in _LINE_BREAKS) or text != text.strip() or "\ufeff" in text:
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_float(dumper: yaml.SafeDumper, number: float) -> yaml.ScalarNode:
    if math.isnan(number):
        text = ".nan"
    elif math.isinf(number):
        text = ".inf" if number > 0 else "-.inf"
    else:
        text = repr(number)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)


def dump(data: Any) -> str:
    """YAML text for plain data, keys in the given order, readable by a person."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )

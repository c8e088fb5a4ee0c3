"""What each operation of an expression costs, estimated before it runs, and its time limit.

A size check stops an expression from building a value too large to hold; it does not
stop one from working too long on values that are each small enough: `a in b` compares
every item of `b` with `a`, and `x | sort` compares items many times over. Python does
such work in C, where nothing can interrupt it, so each operation's work is estimated
first from the sizes of its inputs and refused when it would pass MAX_OPERATION_COST.
A deadline, checked between operations, bounds the sum.

The unit of work is one value looked at: an item of a list or mapping, a character of
text, or about 30 bits of a whole number. Measuring a value walks it only until the
budget is passed, and a list shared many times over (`[x] * 1000`) is walked once.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterator, Sized
from typing import Any

from .limits import ExpressionRefused

MAX_OPERATION_COST = 10_000_000
"""The most work one operation may take (values compared, copied or written): about a second."""
MAX_EVALUATION_SECONDS = 1.0
"""How long one evaluation of an expression may run; real ones take microseconds."""
MAX_ROUND_DIGITS = 100
"""The most decimals `round` may keep or drop: `round(-10**9)` would build a huge power of ten."""

_CONTAINERS = (list, tuple, dict, set, frozenset)
_PLAIN_CONTAINERS = frozenset(_CONTAINERS)


def work_of(value: Any, limit: int = MAX_OPERATION_COST) -> int:
    """About how much work it is to go through value once, counted only until it passes limit.

    Each list or mapping met more than once counts its whole size again, but is walked
    only the first time: the walk takes at most about `limit` steps, whatever the value.
    """
    if not isinstance(value, _CONTAINERS):
        return _scalar_work(value)
    known: dict[int, int] = {}
    total = 1
    known[id(value)] = 1  # a list that holds itself counts itself once
    # each frame: the container, its items still to see, and the work counted before it
    frames: list[tuple[Any, Iterator[Any], int]] = [(value, _items(value), 0)]
    while frames:
        container, items, before = frames[-1]
        for item in items:
            kind = type(item)
            if kind is str:
                total += 1 + len(item)
            elif kind is int:
                total += 1 + item.bit_length() // 30
            elif kind in _PLAIN_CONTAINERS or isinstance(item, _CONTAINERS):
                seen = known.get(id(item))
                if seen is None:
                    known[id(item)] = 1
                    frames.append((item, _items(item), total))
                    total += 1
                    break
                total += seen
            else:
                total += _scalar_work(item)
            if total > limit:
                return total
        else:
            frames.pop()
            known[id(container)] = total - before
            continue
        if total > limit:
            return total
    return total


def _items(container: Any) -> Iterator[Any]:
    if isinstance(container, dict):
        return itertools.chain(container, container.values())
    return iter(container)


def _scalar_work(value: Any) -> int:
    if isinstance(value, str):
        return 1 + len(value)
    if isinstance(value, int):
        return 1 + value.bit_length() // 30
    return 1


def length(value: Any) -> int:
    """How many items a value has, or 1 for a value without a length."""
    return len(value) if isinstance(value, Sized) else 1


class Budget:
    """The deadline of the evaluation under way, and the check of each operation's cost."""

    def __init__(self) -> None:
        self._deadline = math.inf

    def start(self) -> None:
        """A new evaluation starts: it has MAX_EVALUATION_SECONDS from now."""
        self._deadline = time.monotonic() + MAX_EVALUATION_SECONDS

    def spend(self, cost: int) -> None:
        """Refuse an operation that would cost too much, or that comes after the deadline."""
        if cost > MAX_OPERATION_COST:
            raise ExpressionRefused(
                f"this would take too long to work out (more than {MAX_OPERATION_COST:,} "
                "steps for one operation); expressions are for small calculations"
            )
        if time.monotonic() > self._deadline:
            raise ExpressionRefused(
                f"the expression ran for more than {MAX_EVALUATION_SECONDS:g} second and was "
                "stopped; expressions are for small calculations"
            )

    def of_values(self, *values: Any) -> int:
        """The work of going through these values once each (the cost of most operations)."""
        total = 0
        for value in values:
            total += work_of(value, MAX_OPERATION_COST - total + 1)
            if total > MAX_OPERATION_COST:
                break
        return total

    def check(self, *values: Any) -> None:
        """Refuse an operation that goes through these values once each, if too costly."""
        self.spend(self.of_values(*values))

    def check_membership(self, item: Any, container: Any) -> None:
        """`item in container`: text is searched once, a mapping hashes, a list compares."""
        if isinstance(container, (str, dict, set, frozenset)):
            self.check(item, container)
            return
        items = length(container)
        each = work_of(item, MAX_OPERATION_COST // max(items, 1) + 1)
        self.spend(self.of_values(container) + items * each)

    def check_sorting(self, value: Any) -> None:
        """Sorting compares each item about log2(n) times."""
        rounds = max(1, math.ceil(math.log2(length(value) + 1)))
        work = work_of(value, MAX_OPERATION_COST // rounds + 1)
        self.spend(work * rounds)

    def check_sum(self, items: list[Any], start: Any) -> None:
        """Adding lists or texts copies what is added so far at each step: n × the total."""
        values = [start, *items]
        if any(isinstance(part, (str, list, tuple)) for part in values):
            total = sum(len(part) for part in values if isinstance(part, (str, list, tuple)))
            self.spend(len(values) * total)
        self.check(items, start)

    @staticmethod
    def check_round(precision: Any) -> None:
        """Refuse `round` to more than MAX_ROUND_DIGITS decimals either way."""
        if isinstance(precision, int) and abs(precision) > MAX_ROUND_DIGITS:
            raise ExpressionRefused(
                f"round takes at most {MAX_ROUND_DIGITS} decimals either way, not {precision:,}"
            )

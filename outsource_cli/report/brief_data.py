"""The brief's data, as the JSON output gives it and templates receive it (docs/report-data.md,
"The brief")."""

from __future__ import annotations

from typing import TypedDict

from .data import TableData


class EntryData(TypedDict):
    """One answer in a part, as the brief writes it (docs/report-data.md, The brief's data)."""

    section: str
    question: str
    text: str
    """The whole sentence: the `brief` text filled in, or 'LABEL: answer'."""
    label: str | None
    """Without a `brief` text: the words before the answer."""
    answer: str | None
    """Without a `brief` text: the answer in words (none when a table shows it)."""
    table: TableData | None


class AskedData(TypedDict):
    """A question every candidate is asked, numbered from 1 across the groups."""

    number: int
    section: str
    question: str
    text: str


class GroupData(TypedDict):
    """The questions of one candidate section; its title when there are several."""

    title: str | None
    questions: list[AskedData]


class PartData(TypedDict):
    """A part of the brief that has something in it."""

    id: str
    title: str
    entries: list[EntryData]
    groups: list[GroupData]


class SettleData(TypedDict):
    """A point to settle before the brief is sent, and the command that settles it."""

    part: str
    part_title: str
    section: str | None
    question: str | None
    prompt: str
    command: str


class BriefData(TypedDict):
    """The whole brief: what the brief templates receive."""

    format: int
    date: str
    business: str | None
    draft: bool
    working: bool
    parts: list[PartData]
    to_settle: list[SettleData]
    texts: dict[str, str]

"""The files a comparison reads: their labels, what they share, and what they describe.

Each file gets a label for its column; the sections every file answers are what is
compared (with notes on what is left out); and files that track progress but describe
different businesses or kinds of task are warned about.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .answers import Answers
from .checklist_set import ChecklistSet, display_path
from .errors import CompareError
from .questions import NOT_APPLICABLE
from .quoting import quoted
from .report.profile import TASK_KIND
from .words import listed


def labels(paths: Sequence[Path], every: Sequence[Answers]) -> list[str]:
    """Each file's column label: its name without .yaml, unless another file has that name.

    Files whose names clash are labelled by their `business` when each of them has one
    and these differ (from each other and from every other label); else by their paths.
    """
    stems = [path.stem for path in paths]
    found: list[str | None] = [stem if stems.count(stem) == 1 else None for stem in stems]
    for stem in dict.fromkeys(stem for stem in stems if stems.count(stem) > 1):
        group = [index for index, other in enumerate(stems) if other == stem]
        names = [(every[index].business or "").strip() for index in group]
        taken = {label for label in found if label is not None}
        by_business = all(names) and len(set(names)) == len(names) and not taken & set(names)
        for index, name in zip(group, names, strict=True):
            found[index] = name if by_business else display_path(paths[index])
    shown = [label or display_path(path) for label, path in zip(found, paths, strict=True)]
    if len(set(shown)) < len(shown):  # a business named like another file's path
        return [display_path(path) for path in paths]
    return shown


def different_subjects(
    checklist_set: ChecklistSet, every: Sequence[Answers], names: Sequence[str]
) -> tuple[str, ...]:
    """Warnings when files meant as one business's progress describe different things.

    Only what the files say is read: a file without a business name, or without an
    answer to the task kind, is taken to agree with the others.
    """
    warnings = []
    businesses = [(answers.business or "").strip() or None for answers in every]
    if len({name for name in businesses if name is not None}) > 1:
        warnings.append(
            f"these files are about different businesses ({_each(names, businesses)}); "
            "progress is meant to compare one business's answers over time, so check that "
            "these are the files you meant"
        )
    kinds = [_task_kind(checklist_set, answers) for answers in every]
    if len({kind for kind in kinds if kind is not None}) > 1:
        warnings.append(
            f"these files describe different kinds of task ({_each(names, kinds)}); the "
            "changes between them compare different work, so check that these are the "
            "files you meant"
        )
    return tuple(warnings)


def _each(names: Sequence[str], values: Sequence[str | None]) -> str:
    return listed(
        [f"{name}: {quoted(value)}" for name, value in zip(names, values, strict=True) if value]
    )


def _task_kind(checklist_set: ChecklistSet, answers: Answers) -> str | None:
    """The task kind a file answers, in the checklist's words where it has the question."""
    value = answers.get(*TASK_KIND)
    if value is None or value == NOT_APPLICABLE:
        return None
    section = checklist_set.get(TASK_KIND[0])
    question = section.section.question(TASK_KIND[1]) if section is not None else None
    if question is None:
        return str(value)
    return question.answer_text(value)


def _covered(checklist_set: ChecklistSet, answers: Answers) -> set[str]:
    """The sections of the active set this file answers at least one question of."""
    return {
        section_id
        for section_id, items in answers.values.items()
        if checklist_set.get(section_id) is not None
        and any(value is not None for value in items.values())
    }


def shared_sections(
    checklist_set: ChecklistSet, every: Sequence[Answers], labels: Sequence[str]
) -> tuple[list[str], set[tuple[str, str]], list[str]]:
    """The sections every file answers, the questions to leave out, and notes saying why."""
    covered = [_covered(checklist_set, answers) for answers in every]
    shared = [sid for sid in checklist_set.ids() if all(sid in c for c in covered)]
    if not shared:
        raise CompareError(
            "these files have no section in common, so there is nothing to compare",
            hint=(
                "Answer the same sections in each file, for example: "
                "outsource check partner contract --answers acme.yaml"
            ),
        )
    notes: list[str] = []
    for section_id in checklist_set.ids():
        having = [label for label, c in zip(labels, covered, strict=True) if section_id in c]
        if having and section_id not in shared:
            title = _title(checklist_set, section_id)
            notes.append(
                f"'{title}' is answered only in {listed(having)}, so it is left out: the "
                "scores here cover the sections all the files answer, and can differ from "
                "each file's own report."
            )
    left_out: set[tuple[str, str]] = set()
    for section_id in shared:
        versions = [answers.checklists.get(section_id) for answers in every]
        known = {version for version in versions if version is not None}
        if len(known) < 2:
            continue
        section = checklist_set.get(section_id)
        assert section is not None  # shared sections come from the set
        questions = section.section.questions
        missing = [
            question.id
            for question in questions
            if not all(answers.has(section_id, question.id) for answers in every)
        ]
        left_out.update((section_id, question_id) for question_id in missing)
        answered_in = ", ".join(
            f"version {version} in {label}"
            for label, version in zip(labels, versions, strict=True)
            if version is not None
        )
        kept = len(questions) - len(missing)
        notes.append(
            f"'{_title(checklist_set, section_id)}' was answered against different versions "
            f"of its checklist ({answered_in}), so it is compared on the "
            f"{kept} question{'' if kept == 1 else 's'} every file answers."
        )
    return shared, left_out, notes


def _title(checklist_set: ChecklistSet, section_id: str) -> str:
    loaded = checklist_set.get(section_id)
    return loaded.section.title if loaded is not None else section_id

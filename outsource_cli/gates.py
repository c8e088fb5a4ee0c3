"""The CI gates: when `--fail-under` and `--fail-on-blockers` make a report fail."""

from __future__ import annotations

from .assessment import Assessment
from .report.text import format_number
from .words import plural


def failed_gates(
    assessment: Assessment, fail_under: float | None, fail_on_blockers: bool
) -> list[str]:
    """Each gate the assessment fails, in words; empty when it passes them all."""
    failed: list[str] = []
    if fail_under is not None:
        score = assessment.score
        limit = format_number(fail_under, places=1)
        if score is None:
            failed.append(f"--fail-under {limit}: nothing could be scored yet")
        elif score < fail_under:
            failed.append(f"--fail-under {limit}: the overall score {score:.1f} is below {limit}")
    if fail_on_blockers and assessment.blockers:
        count = len(assessment.blockers)
        names = ", ".join(f"{item.section_id}.{item.question.id}" for item in assessment.blockers)
        failed.append(f"--fail-on-blockers: {plural(count, 'blocker')} ({names})")
    return failed

"""`outsource check --candidate NAME`: the questions about one candidate partner.

This module does not postpone its annotations (see app.py).
"""

from pathlib import Path

import typer

from ..formats import ReportFormat
from .app import stdout, warn
from .options import load_checklists, lock_answers, read_files, refuse_replacing


def refuse_report_options(
    report_path: Path | None,
    fmt: ReportFormat | None,
    no_chart: bool,
    template: Path | None,
    business: str | None,
) -> None:
    """Refuse the options of the owner's report: a candidate's interview writes no report."""
    typed = [
        name
        for name, given in (
            ("--report", report_path is not None),
            ("--format", fmt is not None),
            ("--no-chart", no_chart),
            ("--template", template is not None),
            ("--business", business is not None),
        )
        if given
    ]
    if typed:
        raise typer.BadParameter(
            f"{typed[0]} is for your own interview and report; the questions about a "
            "candidate write no report (run 'outsource candidates' to rank the candidates)",
            param_hint="--candidate",
        )


def check_candidate(
    ctx: typer.Context,
    name: str,
    sections: list[str],
    answers_file: Path,
    review: bool,
    restart: bool,
    checklists: list[Path] | None,
) -> None:
    """Ask the candidate sections about one candidate, saving each reply in the answers file."""
    from .. import candidate_interview as opening
    from .. import collector
    from ..candidates import assess_candidate, candidate_list
    from ..copies import back_up
    from ..files import check_writable
    from ..interview import continue_command, reading_command
    from ..views import interview as view
    from ..views.candidates import candidate_result
    from ..views.screen import Screen

    checklist_set = load_checklists(checklists)
    collector.set_for("interview")
    opening.check_name(name)
    chosen = opening.candidate_sections(checklist_set, sections)
    inputs = read_files(checklist_set, [answers_file])
    refuse_replacing(answers_file, inputs[1:], "the answers file", "--answers")
    check_writable(answers_file)
    answers_lock = lock_answers(ctx, answers_file)
    loaded = opening.read_owner_file(answers_file, checklist_set)
    answers = loaded.answers
    warn(loaded.warnings + opening.owner_warnings(answers))
    screen = Screen(stdout())
    if restart and name in answers.candidates:
        if not view.confirm_restart(screen, answers_file, name):
            screen.say("Nothing changed.")
            raise typer.Exit(0)
        screen.say(f"The previous answers are kept in {back_up(answers_file)}.")
        screen.blank()
        opening.forget_replies(checklist_set, answers_file, answers, name)
    interview = opening.open_candidate_interview(
        checklist_set,
        answers,
        answers_file,
        name,
        lock=answers_lock,
        section_ids=chosen,
        review=review,
    )
    source = ctx.get_parameter_source("checklists")
    typed_folders = checklists if source is not None and source.name == "COMMANDLINE" else None
    ranking = reading_command("candidates", answers_file, typed_folders or ())
    session = view.Session(
        interview,
        screen,
        continue_command(
            list(dict.fromkeys(sections)), answers_file, typed_folders or (), candidate=name
        ),
        ranking,
        candidate=name,
    )
    action = view.start(session)
    if action is view.Outcome.QUITTING or (action is view.Outcome.ASK and not view.run(session)):
        screen.say(view.quit_message(session))
        return
    result = assess_candidate(checklist_set, answers, name)
    candidate_result(screen, candidate_list([result])[0], ranking)

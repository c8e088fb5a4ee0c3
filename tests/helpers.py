"""What several test files share: paths, CLI runs, text and browser helpers, a small checklist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner, Result

from outsource_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
"""The project's folder: README.md, docs/, examples/."""
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
FIXTURES = ["--checklists", str(DATA / "checklists")]
"""The options that make a command use the fixture checklists instead of the built-in ones."""

Writer = Callable[[str, str], Path]
"""The `write` fixture: write a dedented text file under tmp_path and return its path."""
Browser = Callable[..., subprocess.CompletedProcess[str]]
"""The `browser` fixture: run headless Chromium with the given arguments."""


def run(*args: str, input: str | None = None) -> Result:
    """Run the CLI in-process; an unexpected exception becomes the result's exit code 1."""
    return CliRunner().invoke(app, list(args), input=input)


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> Result:
    """Run the CLI in-process and let an unexpected exception fail the test."""
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made one space, so wrapped messages match."""
    return " ".join(text.split())


def golden(name: str | Path, actual: str) -> None:
    """Compare with tests/golden/NAME (or a path); UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == actual


# --- HTML in a real browser ----------------------------------------------------------------

ATTACK = (
    "<script>document.title='HACKED';document.body.setAttribute('data-ran','yes')</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-ran','yes')\">"
)
"""User text that would leave a trace in the page if any of it ran."""
BAR = re.compile(r'<rect class="bar bar-(\w+)"[^>]*><title>([^<]*)</title></rect>')
"""One bar of a chart: its tone and its title."""


def printed(browser: Browser, page: Path) -> str | None:
    """Print a page to PDF in the browser; the PDF's text, or None without pdftotext."""
    pdf = page.with_suffix(".pdf")
    browser(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 20_000
    if not shutil.which("pdftotext"):
        return None
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
    ).stdout


# --- a small checklist with one expression of each kind ------------------------------------

SHOP_CHECKLIST = """\
id: shop
title: {title}
questions:
  - id: name
    prompt: {prompt}
    type: text
    recommendation: {recommendation}
  - id: price
    prompt: What does the partner charge per year?
    type: number
    score: "{score}"
  - id: staff
    prompt: Does anyone do this work today?
    type: yes_no
    when: "{when}"
computed:
  - id: total
    label: Two years of fees
    expression: "{computed}"
"""
SHOP_LINES = {"score": 11, "when": 15, "computed": 19}
SHOP_COLUMNS = {"score": 12, "when": 11, "computed": 17}
"""Where each expression sits in SHOP_CHECKLIST."""
SHOP_ANSWERS = "format: 1\nanswers:\n  shop:\n    name: Hill Street\n    price: 10\n"


def shop_checklist(**fields: str) -> str:
    """A small checklist with one expression of each kind; fields replace the harmless ones."""
    defaults = {
        "title": "The shop",
        "prompt": "What is the shop called?",
        "recommendation": "Name it.",
        "score": "1 if value < 100 else 0",
        "when": "shop.price > 0",
        "computed": "shop.price * 2",
    }
    return SHOP_CHECKLIST.format(**{**defaults, **fields})


GOALS_ANSWERED = {
    "task": "Bookkeeping",
    "objectives": True,
    "has_staff": False,
    "pricing": "fixed",
    "protections": ["nda", "ip"],
    "confidence": 4,
    "kpis": True,
}
"""The fixture set's goals section as the interview tests answer it (a y to the KPIs)."""


# --- a set whose texts, weights and choices depend on the answers ------------------------

FITTED_SET = {
    "fit.yaml": """\
id: fit
title: What you outsource
order: 1
questions:
  - id: task_kind
    prompt: What kind of work is it?
    type: choice
    choices:
      - {value: support, label: Customer support, score: 1}
      - {value: it, label: IT and computers, score: 1}
      - {value: sales, label: Sales, score: 1}
  - id: calls
    prompt: How many calls a month would the partner take?
    type: number
    min: 0
    weight: 0
""",
    "risk.yaml": """\
id: risk
title: Risks
order: 2
questions:
  - id: accounts
    prompt:
      - when: "fit.task_kind == 'it'"
        text: Are your domains, cloud and licences registered in your business's name?
      - text: Are the accounts the partner uses registered in your business's name?
    help:
      - {when: "fit.task_kind == 'it'", text: Whoever holds them can lock you out.}
      - {text: Logins in the partner's name leave with the partner.}
    type: yes_no
    critical: "fit.task_kind == 'it'"
    weight: "3 if fit.task_kind == 'it' else 1"
    recommendation:
      - when: "risk.channel == 'phone'"
        text: Move the phone number to your business's name first.
      - text: Move every account to your business's name.
  - id: channel
    prompt: How will customers reach the partner?
    type: choice
    default: email
    choices:
      - {value: email, label: By email, score: 1}
      - value: phone
        label:
          - {when: "fit.task_kind == 'sales'", text: By phone calls the partner makes}
          - {text: By phone}
        help:
          - {when: "fit.calls > 100", text: "At this volume, agree set hours."}
          - {text: Phone support needs set hours.}
        score: 0.5
      - {value: chat, label: By chat, score: 0.8, when: "fit.task_kind == 'support'"}
      - {value: visit, label: In person, score: 0.2, when: "fit.task_kind == 'it'"}
  - id: tools
    prompt: Which tools will the partner use?
    type: multi
    choices:
      - {value: crm, label: Your CRM, score: 0.5, when: "fit.task_kind == 'sales'"}
      - {value: desk, label: A help desk, score: 0.5, when: "fit.task_kind == 'support'"}
      - {value: drive, label: A shared drive, score: 0.5}
  - id: script
    prompt: Is there a written script for calls?
    type: yes_no
    weight: "risk.calls_per_week / 10"
    recommendation: Write the script.
computed:
  - id: calls_per_week
    label: Calls a week
    expression: "fit.calls / 4"
""",
}
"""Two sections using every answer-dependent key: variants, a weight and a critical
expression, choices with `when`. `risk.tools` offers two choices for support and sales
(so it applies) and one for IT (so it does not)."""


DECEMBER = """\
format: 1
business: Hill Street Bakery
checklists: {goals: 3, budget: 1}
answers:
  goals: {task: Bookkeeping, objectives: yes, has_staff: no, pricing: fixed,
          protections: [nda, ip], confidence: 5, kpis: yes}
  budget: {salary: 52000, overhead: 1.3, price: 30000, budget_set: no}
"""
"""A full answers file for the fixture set whose goals are all in order but whose budget is
not set (a blocker): the owner's partial-check case."""

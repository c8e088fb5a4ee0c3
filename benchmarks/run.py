"""Time `outsource` as whole processes against the floor of its stack and familiar peers.

Usage:
    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # a smoke run: small sizes, few runs, no targets

It generates synthetic checklist sets of 100, 1,000 and 10,000 questions with complete
answers, then times `outsource --help`, `outsource checklists validate` and `outsource
report` for each size, `outsource report` on the README's worked example (with the
built-in checklists), the import floor of the stack, and `cookiecutter --help` and
`copier --help` (installed into a separate environment the first time). Every command
runs once to warm up, then at least five times, interleaved so that a slow moment of the
machine hits all of them alike. It prints medians, peak memory and the ratios that
docs/performance.md sets as targets. Results are also written as JSON with --json FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

QUESTIONS_PER_SECTION = 50
SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)
PEERS = ("cookiecutter", "copier")
FLOOR = "import typer, rich, yaml, jinja2, pydantic"

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "online-shop-answers.yaml"
"""The worked example of the README, reported on the built-in checklists."""
WORKING = ROOT / "examples" / "online-shop-working.yaml"
"""The worked example a year on, with reviews: the base of the reviews' benchmark."""
REVIEWS, KPIS = 40, 10
"""The size of the reviews' benchmark: ten years of quarterly reviews of ten KPIs."""


# --- synthetic checklists ---------------------------------------------------------------

_HELP = (
    "Why this matters: partners work from what is written down, so a gap here turns into "
    "a misunderstanding later. Most problems start on the buyer's side."
)
_RECOMMENDATION = (
    "Write it down on one page, share it with the partner before work starts, and review "
    "it together after the first month."
)


def _question(section: str, index: int) -> tuple[str, object]:
    """One question's YAML and a complete answer for it; the types take turns."""
    qid = f"q{index:03d}"
    kind = index % 6
    when = f'\n    when: "{section}.q{index - 1:03d}"' if kind == 1 and index > 0 else ""
    head = (
        f"  - id: {qid}\n"
        f"    prompt: Question {index + 1} of section {section}, asked in plain words?\n"
        f"    help: >-\n      {_HELP}\n"
        f"    recommendation: >-\n      {_RECOMMENDATION}{when}\n"
    )
    if kind in (0, 1):
        return head + "    type: yes_no\n    weight: 2\n", True
    if kind == 2:
        choices = "".join(
            f"      - {{value: c{n}, label: Choice number {n}, score: {n / 3:.2f}}}\n"
            for n in range(4)
        )
        return head + f"    type: choice\n    choices:\n{choices}", "c2"
    if kind == 3:
        choices = "".join(
            f"      - {{value: m{n}, label: Option number {n}, score: 0.25}}\n" for n in range(4)
        )
        return head + f"    type: multi\n    allow_na: true\n    choices:\n{choices}", ["m0", "m1"]
    if kind == 4:
        return head + "    type: scale\n    labels: {1: Not at all, 5: Completely}\n", 4
    return (
        head + "    type: number\n    min: 0\n    unit: hours\n"
        '    score: "1 if value <= 24 else (0.5 if value <= 48 else 0)"\n'
    ), 30


def _section(number: int, questions: int) -> tuple[str, dict[str, object]]:
    section = f"s{number:03d}"
    parts = [
        f"id: {section}\ntitle: Synthetic section {number}\n"
        "description: A generated section for timing the tool.\n"
        f"order: {number}\nversion: 1\nquestions:\n"
    ]
    answers: dict[str, object] = {}
    for index in range(questions):
        text, answer = _question(section, index)
        parts.append(text)
        answers[f"q{index:03d}"] = answer
    numbers = [f"{section}.q{index:03d}" for index in range(questions) if index % 6 == 5]
    if len(numbers) >= 2:
        parts.append(
            "computed:\n"
            f"  - {{id: total, label: Total hours, expression: '{numbers[0]} + {numbers[1]}'}}\n"
            f"  - {{id: yearly, label: Hours a year, expression: '{section}.total * 12'}}\n"
        )
    return "".join(parts), answers


def generate(folder: Path, questions: int) -> Path:
    """Write a checklist set of this many questions into folder; returns the answers file."""
    checklists = folder / "checklists"
    checklists.mkdir(parents=True)
    answers: dict[str, dict[str, object]] = {}
    sections = max(1, questions // QUESTIONS_PER_SECTION)
    for number in range(sections):
        text, section_answers = _section(number, questions // sections)
        (checklists / f"s{number:03d}.yaml").write_text(text, encoding="utf-8")
        answers[f"s{number:03d}"] = section_answers
    lines = ["format: 1", "business: Benchmark Ltd", "checklists:"]
    lines += [f"  {section}: 1" for section in answers]
    lines.append("answers:")
    for section, values in answers.items():
        lines.append(f"  {section}:")
        lines += [f"    {qid}: {json.dumps(value)}" for qid, value in values.items()]
    answers_file = folder / "answers.yaml"
    answers_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return answers_file


def generate_reviews(path: Path) -> Path:
    """Write the working example with KPIS KPIs and REVIEWS quarterly reviews to path."""
    import yaml

    data = yaml.safe_load(WORKING.read_text(encoding="utf-8"))
    data["answers"]["goals"]["kpi_list"] = [
        {"name": f"Measure {n}", "target": 10 * n, "unit": "a month", "better": better}
        for n, better in zip(range(1, KPIS + 1), ["higher", "lower"] * KPIS, strict=False)
    ]
    template = data["reviews"][-1]["answers"]["review"]
    data["reviews"] = [
        {
            "date": f"{2016 + number // 4}-{3 * (number % 4) + 1:02d}-01",
            "answers": {
                "review": {
                    **template,
                    "kpi_values": [
                        {"item": f"Measure {n}", "value": 10 * n + (number * n) % 7 - 3}
                        for n in range(1, KPIS + 1)
                    ],
                    "invoices": ["matched", "surprises"][number % 2],
                }
            },
        }
        for number in range(REVIEWS)
    ]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# --- timing -----------------------------------------------------------------------------


@dataclass
class Timing:
    """Wall times (seconds) and peak memory (bytes) of one command's runs."""

    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    """Added to the environment for this command only."""
    typed: bytes | None = None
    """What is typed on its standard input (an interview's q), or None for nothing."""
    seconds: list[float] = field(default_factory=list)
    peak_bytes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def _run_once(
    command: list[str], env: dict[str, str], cwd: Path, typed: bytes | None = None
) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL if typed is None else subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
    )
    if process.stdin is not None:
        process.stdin.write(typed or b"")
        process.stdin.close()
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        shown = " ".join(command)
        raise SystemExit(f"benchmark command failed ({process.returncode}): {shown}\n{error!r}")
    return elapsed, usage.ru_maxrss * 1024  # Linux reports kilobytes


def measure(timings: list[Timing], runs: int, env: dict[str, str], cwd: Path) -> None:
    """Warm each command up once, then run them all `runs` times, interleaved."""
    for timing in timings:
        _run_once(timing.command, {**env, **timing.env}, cwd, timing.typed)
    for _ in range(runs):
        for timing in timings:
            seconds, peak = _run_once(timing.command, {**env, **timing.env}, cwd, timing.typed)
            timing.seconds.append(seconds)
            timing.peak_bytes = max(timing.peak_bytes, peak)


def peer_commands(cache: Path) -> dict[str, list[str]]:
    """cookiecutter and copier in their own environment, installed there the first time."""
    venv = cache / "peers"
    scripts = venv / "bin"
    if not all((scripts / name).exists() for name in PEERS):
        print(f"Installing {', '.join(PEERS)} into {venv} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        result = subprocess.run(
            [str(scripts / "python"), "-m", "pip", "install", "-q", *PEERS],
            check=False,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            print(
                f"warning: could not install the peers; their ratios are left out\n"
                f"{result.stderr.strip()[-500:]}",
                file=sys.stderr,
            )
            return {}
    return {name: [str(scripts / name), "--help"] for name in PEERS}


# --- reporting --------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """A ratio between two medians (or a memory figure) and its limit."""

    label: str
    value: float
    limit: float
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.value <= self.limit


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


RATIOS = (
    ("outsource --help / cookiecutter --help", "outsource --help", "cookiecutter --help", 0.6),
    ("report, worked example / import floor", "report example", "import floor", 1.7),
    ("report, 1,000 questions / import floor", "report 1,000", "import floor", 1.8),
    ("report, 10,000 / 1,000 questions", "report 10,000", "report 1,000", 3.0),
    ("review start-up / check start-up", "review start-up", "check start-up", 1.0),
    ("reviews, 40 reviews of 10 KPIs / import floor", "reviews 40x10", "import floor", 1.5),
)
"""The targets docs/performance.md sets: (label, command, against, at most)."""
MEMORY = ("report, 10,000 questions: peak memory", "report 10,000", 150)


def targets(results: dict[str, Timing]) -> list[Target]:
    """The targets, where this run measured both sides."""
    found = [
        Target(label, results[name].median / results[against].median, limit)
        for label, name, against, limit in RATIOS
        if name in results and against in results
    ]
    label, name, megabytes = MEMORY
    if name in results:
        found.append(Target(label, results[name].peak_bytes / 1e6, megabytes, " MB"))
    return found


def print_results(results: dict[str, Timing], found: list[Target], runs: int) -> None:
    print(f"\nMachine: {_machine()}")
    print(f"Median of {runs} runs after a warm-up; peak memory is the largest seen.\n")
    width = max(len(name) for name in results)
    print(f"{'command':<{width}}  {'median':>9}  {'min':>9}  {'peak memory':>11}")
    for name, timing in results.items():
        print(
            f"{name:<{width}}  {timing.median * 1000:7.1f} ms  {min(timing.seconds) * 1000:7.1f} ms"
            f"  {timing.peak_bytes / 1e6:8.1f} MB"
        )
    if found:
        print("\nTargets:")
        for target in found:
            mark = "met" if target.met else "MISSED"
            value = f"{target.value:.2f}{target.unit}"
            limit = f"{target.limit:g}{target.unit}"
            print(f"  {target.label:<42} {value:>10}  (at most {limit:>7})  {mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 runs, no targets")
    parser.add_argument("--runs", type=int, default=None, help="timed runs per command (5)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "outsource-bench",
        help="where the peers' environment is kept",
    )
    parser.add_argument("--no-peers", action="store_true", help="skip cookiecutter and copier")
    parser.add_argument(
        "--outsource",
        default=None,
        help="the outsource command to time (default: the one beside this Python); "
        "the floor is timed with the Python beside it",
    )
    options = parser.parse_args(argv)
    sizes = QUICK_SIZES if options.quick else SIZES
    runs = options.runs or (2 if options.quick else 5)
    outsource = options.outsource or shutil.which(
        "outsource", path=str(Path(sys.executable).parent)
    )
    if outsource is None:
        raise SystemExit("outsource is not installed beside this Python; pip install -e . first")
    python = str(Path(outsource).parent / "python")  # the floor of the same environment

    work = Path(tempfile.mkdtemp(prefix="outsource-bench-"))
    # As a user runs it: colour off, a fixed width, modules compiled to bytecode once
    # (pip does that when it installs), and a cache folder of its own, filled by the
    # warm-up run as a user's is by their first run. No checklists of the user's own: the
    # worked example is reported on the built-in ones alone.
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "OUTSOURCE_CACHE_DIR": str(work),
        "XDG_CONFIG_HOME": str(work / "config"),
    }
    for name in (
        "FORCE_COLOR",
        "PYTHONDONTWRITEBYTECODE",
        "OUTSOURCE_NO_CACHE",
        "OUTSOURCE_CHECKLISTS",
    ):
        env.pop(name, None)
    try:
        results: dict[str, Timing] = {}

        def add(name: str, command: list[str], typed: bytes | None = None, **extra: str) -> None:
            results[name] = Timing(name, command, extra, typed)

        add("import floor", [python, "-c", FLOOR])
        add("outsource --help", [outsource, "--help"])
        add(
            "report example",
            [outsource, "report", str(EXAMPLE), "-o", str(work / "example-report.md")],
        )
        # the interviews up to their first question, quit there (q): nothing is saved
        working = work / "working.yaml"
        shutil.copy(WORKING, working)
        add("check start-up", [outsource, "check", "--answers", str(working)], b"q\n")
        review = [outsource, "review", "--answers", str(working), "--date", "2027-01-01"]
        add("review start-up", review, b"q\n")
        many = generate_reviews(work / "reviews.yaml")
        add("reviews 40x10", [outsource, "reviews", str(many), "-o", str(work / "trend.md")])
        if not options.no_peers:
            for name, command in peer_commands(options.cache).items():
                add(f"{name} --help", command)
        for size in sizes:
            folder = work / str(size)
            answers = generate(folder, size)
            checklists = str(folder / "checklists")
            report = [outsource, "report", str(answers), "--checklists", checklists]
            add(
                f"validate {size:,}",
                [outsource, "checklists", "validate", "--checklists", checklists],
            )
            add(f"report {size:,}", [*report, "-o", str(folder / "report.md")])
            add(
                f"report {size:,}, no cache",
                [*report, "-o", str(folder / "report-cold.md")],
                OUTSOURCE_NO_CACHE="1",
            )
        measure(list(results.values()), runs, env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    found = targets(results)
    print_results(results, found, runs)
    if options.json is not None:
        options.json.write_text(
            json.dumps(
                {
                    "machine": _machine(),
                    "runs": runs,
                    "results": {
                        name: {
                            "median_s": t.median,
                            "seconds": t.seconds,
                            "peak_bytes": t.peak_bytes,
                        }
                        for name, t in results.items()
                    },
                    "targets": [
                        {"label": t.label, "value": t.value, "limit": t.limit, "met": t.met}
                        for t in found
                    ],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    if options.quick:
        return 0
    return 0 if all(target.met for target in found) else 1


if __name__ == "__main__":
    sys.exit(main())

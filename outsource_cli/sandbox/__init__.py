"""Jinja2's immutable sandbox, where checklist expressions and report templates run.

What it guarantees: an expression or a template reads the values it is given and nothing
else. It cannot reach Python's internals, change a value, or load a template from outside
its own template's folder. An expression or a `--template` one cannot build a number,
text or list too large to hold either: `limits` checks each before it is built, and
`costs` estimates the work of each operation of an expression before it runs, with a
deadline for each evaluation. And a
`--template` one cannot run or write for ever: `templates` counts its loop rounds, text
and time against a budget for each render. What is refused raises a SecurityError whose
message says why.

- `expressions`: the environment checklist expressions (`when`, `score`, `computed`, ...) run in.
- `templates`: the environments of outsource's own report templates and of `--template` ones.
- `template_files`: where templates come from (one folder), and which escape for HTML.
- `template_parsing`: a `--template`'s nesting checked, and its tree routed through the budget.
- `template_filters`: what the built-in filters go through, and checks on their arguments.
- `limits`: the size limits and checks the two share.
- `costs`: the work each operation of an expression may take, and its time limit.

No state outlives a render: each render of a `--template` makes its own environment, and
the one expression environment of a run holds no answers.
"""

"""Reports: the assessment as plain data (the JSON output), rendered through Jinja2 templates."""

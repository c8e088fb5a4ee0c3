"""Tests of the core: loading, answers, scoring, expressions, files and reports, without the CLI."""

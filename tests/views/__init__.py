"""Tests of what the terminal views draw with rich."""

"""Tests that run the commands, in-process or as real processes, shells and terminals."""

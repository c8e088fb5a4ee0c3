"""outsource: check whether a business is ready to outsource work."""

__version__ = "0.1.0"

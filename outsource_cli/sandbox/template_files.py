"""Where report templates come from: files in one folder, read as UTF-8; which escape for HTML."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

from ..errors import FileReadError, TemplateError
from ..files import read_regular

AUTOESCAPED = (".html", ".htm", ".xml", ".svg")
"""Templates whose name ends with one of these (before an optional .j2) escape for HTML."""
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
"""The largest template file read (the built-in ones are a few kilobytes)."""


class FolderLoader(BaseLoader):
    """Loads templates from one folder only: nothing outside it, not even through a link."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        parts = template.replace("\\", "/").split("/")
        if template.startswith("/") or any(part in {"", ".", ".."} for part in parts):
            raise TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise TemplateNotFound(template) from None
        if not resolved.is_relative_to(self.folder):
            raise TemplateNotFound(template)
        try:
            content = read_regular(resolved, MAX_TEMPLATE_BYTES, str(path))
            mtime = resolved.stat().st_mtime
        except FileReadError as error:
            raise TemplateError(error.message, hint=error.hint) from None
        except OSError as error:
            raise TemplateError(
                f"{path}: the template cannot be read ({error.strerror or error})"
            ) from None
        return _template_text(content, path), str(path), lambda: _unchanged(resolved, mtime)


def _template_text(content: bytes, path: Path) -> str:
    """A template file's text; a binary file or one that is not UTF-8 is refused by name."""
    if b"\0" in content:
        raise TemplateError(
            f"{path}: this is a binary file, not a template",
            hint="A template is a text file, such as a copy from 'outsource templates init DIR'.",
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise TemplateError(
            f"{path}:{line}: the template is not UTF-8 text (byte 0x{content[error.start]:02x} "
            "cannot be read)",
            hint="Save the template as UTF-8 in your editor, then try again.",
        ) from None


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def autoescaped(name: str) -> bool:
    """Whether a template of this name escapes for HTML: report.html.j2, page.html."""
    name = name.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return name.endswith(AUTOESCAPED)

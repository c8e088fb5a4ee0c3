"""A cache of checked checklist files in the user's cache folder, keyed by their content.

Reading, validating and compiling a checklist file is most of the work of every
command, and the files rarely change between runs. A file that loads without a single
problem is stored here once (its section, the positions of its expressions, and the
expressions' compiled code), and a later run that finds a file with exactly the same
bytes, read by the same versions of outsource, Python, pydantic and Jinja2, uses the
stored copy instead. Files with problems are never stored, so every message is always
worked out afresh.

Report templates are compiled once too, by Jinja2's own bytecode cache in the same
folder (a template changed on disk is compiled again).

The entries are pickles, which must only be read from a folder that nobody else can
write to: the folder is created private (0700), and a folder that belongs to another
user or that others can write to is not used. Anything wrong with the cache (a
damaged entry, a full disk, no permission) only means the file is read the slow way.

OUTSOURCE_CACHE_DIR chooses another folder; OUTSOURCE_NO_CACHE=1 turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

    from .checklist import Section
    from .expression_places import Place
    from .expressions import Expression
    from .yamlfile import Mark, Path_

CACHE_DIR_ENV = "OUTSOURCE_CACHE_DIR"
NO_CACHE_ENV = "OUTSOURCE_NO_CACHE"
_KIND = "checklists-4"
"""The sub-folder of this entry format; a new format gets a new name."""
MAX_ENTRIES = 2000
"""Past this many entries, the least recently written half is removed."""


@dataclass(frozen=True)
class CachedFile:
    """What a valid checklist file loads to, apart from its name."""

    section: Section
    marks: dict[Path_, Mark]
    """The positions of its id and of every expression, for messages about them."""
    expressions: dict[Path_, Expression]
    places: tuple[Place, ...]
    """Where each expression is written and what it may refer to, so that checking the
    set does not walk every question again."""


def default_dir() -> Path:
    """The user's cache folder for outsource, as each system keeps them."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "outsource" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "outsource"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache") / "outsource"


def _folder(kind: str = _KIND) -> Path | None:
    """The cache folder in use, created if need be; None when off or not safe to use."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    chosen = os.environ.get(CACHE_DIR_ENV)
    folder = (Path(chosen) if chosen else default_dir()) / kind
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder if _private(folder) else None
    except OSError:
        return None


def _private(folder: Path) -> bool:
    """Whether only this user can write to the folder (always so on Windows)."""
    if not hasattr(os, "getuid"):
        return True
    info = folder.stat()
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


@functools.cache
def _stamp() -> bytes:
    """What else decides a file's result: the versions of the code that reads it."""
    import jinja2
    import pydantic_core
    from pydantic.version import VERSION as PYDANTIC_VERSION

    parts = (_KIND, __version__, sys.version, PYDANTIC_VERSION, pydantic_core.__version__)
    # outsource's own files too: an edited or reinstalled copy with the same version
    # number must never meet results worked out by the old code (the sandbox's among
    # them: it decides what an expression compiles to)
    package = Path(__file__).parent
    sources = []
    for path in sorted([*package.glob("*.py"), *package.glob("sandbox/*.py")]):
        info = path.stat()
        sources.append(f"{path.relative_to(package).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return "\0".join((*parts, jinja2.__version__, *sources)).encode()


def _key(content: bytes) -> str:
    digest = hashlib.blake2b(_stamp(), digest_size=20)
    digest.update(content)
    return digest.hexdigest()


class Store:
    """The cache folder, found once for a whole set of files (or not in use: `folder` None)."""

    def __init__(self) -> None:
        self.folder = _folder()

    def get(self, content: bytes) -> CachedFile | None:
        """The stored result for a file with exactly this content, if there is one."""
        if self.folder is None:
            return None
        entry = self.folder / f"{_key(content)}.pickle"
        try:
            with entry.open("rb") as stream:
                found = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged or outdated entry: read the file the slow way
            with contextlib.suppress(OSError):
                entry.unlink()
            return None
        return found if isinstance(found, CachedFile) else None

    def put(self, content: bytes, loaded: CachedFile) -> None:
        """Store a valid file's result; failing to store it changes nothing else."""
        if self.folder is None:
            return
        temporary: str | None = None
        try:
            data = pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / f"{_key(content)}.pickle")
            temporary = None
            _prune(self.folder)
        except Exception:
            pass
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def template_cache() -> BytecodeCache | None:
    """Jinja2's own cache of compiled templates, kept in the same private folder."""
    # Jinja2 checks a template's source, not the code that compiles it: name the folder
    # after that code, so a new outsource never runs templates compiled by an old one
    folder = _folder(f"templates-{hashlib.blake2b(_stamp(), digest_size=8).hexdigest()}")
    if folder is None:
        return None
    from jinja2 import FileSystemBytecodeCache

    return FileSystemBytecodeCache(str(folder))


def _prune(folder: Path) -> None:
    entries = list(folder.glob("*.pickle"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) // 2]:
        with contextlib.suppress(OSError):
            entry.unlink()

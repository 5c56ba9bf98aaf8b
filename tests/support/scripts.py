"""A script that is not part of a package (bench/*.py, tools/*.py) loaded as a module, by its
path: nothing is added to sys.path, so its name cannot shadow another module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """The module of the script at `path`, registered in sys.modules under `name` (default: the
    file's stem) while it runs, as dataclasses and pickle look a class's module up."""
    name = name or path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module

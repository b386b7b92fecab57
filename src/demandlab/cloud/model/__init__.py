"""The Evaporating Cloud model: pure data (diagram), its file format, files and examples.

A package rather than one model.py because the four parts together pass 600 lines.
"""

from .diagram import Assumption, EvaporatingCloud, Injection, as_cloud
from .examples import example_clouds
from .files import CloudFileExistsError, CloudFileNotFoundError, file_name, load_cloud, save_cloud
from .formats import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_ID_CHARS,
    MAX_ITEMS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
)

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ID_CHARS",
    "MAX_ITEMS",
    "MAX_TEXT_CHARS",
    "MAX_TITLE_CHARS",
    "Assumption",
    "CloudFileExistsError",
    "CloudFileNotFoundError",
    "EvaporatingCloud",
    "Injection",
    "as_cloud",
    "example_clouds",
    "file_name",
    "load_cloud",
    "save_cloud",
]

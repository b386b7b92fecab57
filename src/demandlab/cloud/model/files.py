"""Cloud files: save a cloud as JSON without ever replacing a file by accident, load it back.

Pure stdlib. A save writes a temporary file in the target's folder and gives it the final
name in one step, so a crash never leaves half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ...checks import InputError, flag, refuse
from .diagram import EvaporatingCloud, as_cloud
from .formats import MAX_FILE_BYTES


class CloudFileExistsError(FileExistsError, ValueError):
    """Saving would replace an existing file (also a ValueError, so widgets show a sentence)."""


class CloudFileNotFoundError(FileNotFoundError, ValueError):
    """There is no cloud file at the path given (also a ValueError)."""


def file_name(path: object) -> str:
    """``path`` if it is a string (a widget's default file name), else a clear error.

    Examples
    --------
    >>> file_name("my-cloud.json")
    'my-cloud.json'
    """
    if not isinstance(path, str):
        raise refuse("path", path, "a string such as 'my-cloud.json'")
    return path


def _json_path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise refuse("path", path, "a file name such as 'my-cloud.json'")
    p = Path(path).expanduser()
    if not str(path).strip() or p.suffix.lower() != ".json":
        raise InputError(f"path must end in .json, got {str(path)!r:.80}")
    if p.is_dir():
        raise InputError(f"path {str(p)!r} is a folder; give a file name ending in .json")
    if not p.parent.is_dir():
        raise InputError(f"the folder {str(p.parent)!r} does not exist; create it first")
    return p


def _exists(p: Path) -> CloudFileExistsError:
    """The refusal to replace an existing file, naming it and the way to allow it."""
    return CloudFileExistsError(
        f"path {p} already exists; tick overwrite (overwrite=True) to replace it"
    )


def save_cloud(cloud: EvaporatingCloud, path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Write ``cloud`` as JSON, atomically; refuse to replace a file unless ``overwrite=True``.

    The text goes to a temporary file in the same folder, which then takes the final
    name in one step, so a crash never leaves half a file behind.

    Parameters
    ----------
    cloud : EvaporatingCloud
        The cloud to save (a half-built cloud is fine: save drafts).
    path : str or path-like
        File name ending in ``.json``; its folder must exist.
    overwrite : bool
        Replace an existing file. Default False: an existing file raises FileExistsError.

    Returns
    -------
    pathlib.Path
        The absolute path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from demandlab.cloud.model import example_clouds
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> p = save_cloud(example_clouds()["factory A vs B"], folder / "cloud.json")
    >>> load_cloud(p) == example_clouds()["factory A vs B"]
    True
    >>> save_cloud(EvaporatingCloud(), p)
    Traceback (most recent call last):
    ...
    demandlab.cloud.model.files.CloudFileExistsError: path ... already exists; tick overwrite ...
    """
    cloud = as_cloud(cloud)
    overwrite = flag("overwrite", overwrite)
    p = _json_path(path).resolve()
    if p.exists() and not overwrite:
        raise _exists(p)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(cloud.to_json())
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if overwrite:
            os.replace(tmp, p)
        else:
            # A hard link never replaces an existing name, so a file that appeared since
            # the check above is still refused; fall back where links are unsupported.
            try:
                os.link(tmp, p)
            except FileExistsError:
                raise _exists(p) from None
            except OSError:
                if p.exists():
                    raise _exists(p) from None
                os.replace(tmp, p)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return p


def load_cloud(path: str | os.PathLike) -> EvaporatingCloud:
    """Read a cloud saved by :func:`save_cloud`.

    Raises ValueError naming the field for malformed JSON or a missing, unknown or
    mistyped field, and FileNotFoundError when there is no such file.

    Examples
    --------
    >>> load_cloud("no-such-cloud.json")
    Traceback (most recent call last):
    ...
    demandlab.cloud.model.files.CloudFileNotFoundError: path 'no-such-cloud.json': no cloud ...
    """
    p = _json_path(path)
    if not p.is_file():
        raise CloudFileNotFoundError(f"path {str(path)!r:.80}: no cloud file at {p.resolve()}")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{p.name} is {size} bytes; a cloud file is at most {MAX_FILE_BYTES}")
    return EvaporatingCloud.from_json(p.read_bytes(), source=p.name)

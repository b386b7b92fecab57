"""Walls between participants on the one-machine hub (issue 26): one Unix uid per participant.

deploy/jupyterhub_config.py uses ``ParticipantSpawner`` when the hub runs as root. It is
JupyterHub's LocalProcessSpawner, except that a participant needs no entry in /etc/passwd:

- **a uid of their own**: ``UID_BASE + the user's id in the hub database`` (the database is in
  the hub's state folder, so the mapping is recorded there and survives a restart), group the
  same number, no supplementary groups. Nobody gets uid 0: kernels never run as root;
- **a home of their own**: ``STATE/home/<safe name>``, mode 0700 and owned by that uid (the
  safe name is the hub's user name when it is plain, else ``p`` and a hash of it);
- **limits per participant**, set in the child before it runs the server (``setrlimit``):
  processes and threads for the uid, address space and core files per process;
- **the course's environment within reach**: the servers run the hub's own venv (read only). If
  the Python it was built from sits in a private directory (pyenv under /root, mode 0700), each
  server gets a mount namespace of its own in which that directory is an empty, traversable
  tmpfs holding only the needed entries, bind-mounted (their own permissions still apply: the
  course stays read-only, a home its owner's): nothing else there shows. Private folders
  inside private folders are bridged the same way, outermost first.

The hub's state folder (database, cookie secret, room.sqlite) is the hub's alone: the config
sets the hub's umask to 077 and the folder to 0711 (homes and kernel sockets are reachable only
by their owner).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import re
import resource
import stat
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer, List, Unicode

# Far above login users (1000+) and systemd's dynamic users (61184-65519), below 2**31.
UID_BASE = 200_000
UID_COUNT = 100_000
SAFE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")

# Linux constants for unshare(2) and mount(2).
CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV = 2, 4
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18


def safe_name(name: str) -> str:
    """A user name fit for a folder: the hub's name when plain, else ``p`` and a hash of it.

    >>> safe_name("anna"), safe_name("../etc")
    ('anna', 'pf7f9121fdb53d8de')
    """
    if SAFE_NAME.match(name):
        return name
    return "p" + hashlib.sha256(name.encode()).hexdigest()[:16]


def uid_for(user_id: int) -> int:
    if not 0 < user_id < UID_COUNT:
        raise ValueError(f"user id must be in 1..{UID_COUNT - 1} for a uid, got {user_id}")
    return UID_BASE + user_id


def private_ancestors(paths: list[Path]) -> dict[str, list[str]]:
    """For each folder that other users cannot traverse (no o+x) above a needed path, outermost
    first: the entries in it that lead to needed paths (each server's namespace shows only
    those). A needed folder that is itself private cannot be shown: refused, by name."""
    found: dict[str, set[str]] = {}
    for path in paths:
        real = Path(os.path.realpath(path))
        parts = real.parts
        for i in range(1, len(parts)):
            parent = Path(*parts[:i])
            if not os.stat(parent).st_mode & stat.S_IXOTH:
                if str(parent) == "/":
                    raise SystemExit("error: / is not traversable by other users")
                found.setdefault(str(parent), set()).add(parts[i])
        if real.is_dir() and not os.stat(real).st_mode & stat.S_IXOTH:
            raise SystemExit(
                f"error: participants cannot read {real}: it is private (mode without o+x). "
                "Make it readable by others, or install the course somewhere they can read."
            )
    return {k: sorted(found[k]) for k in sorted(found, key=lambda k: len(Path(k).parts))}


class ParticipantSpawner(LocalProcessSpawner):
    """One uid, one 0700 home and rlimits per participant; no /etc/passwd entries."""

    state_dir = Unicode(config=True, help="The hub's state folder: homes are in home/.")
    runtime_dir = Unicode(config=True, help="Where each participant's kernel sockets go.")
    reachable = List(
        Unicode(),
        config=True,
        help="Paths the servers must read (the venv, its base Python, the repository).",
    )
    max_processes = Integer(
        1024, config=True, help="Processes and threads of one participant (RLIMIT_NPROC)."
    )
    max_address_space_mb = Integer(
        8192, config=True, help="Virtual memory of one process, MB (RLIMIT_AS); 0: no limit."
    )

    @property
    def uid(self) -> int:
        return uid_for(self.user.id)

    @property
    def home_dir(self) -> str:
        return str(Path(self.state_dir) / "home" / safe_name(self.user.name))

    @property
    def user_runtime_dir(self) -> str:
        return str(Path(self.runtime_dir) / str(self.user.id))

    def user_env(self, env: dict) -> dict:
        name = safe_name(self.user.name)
        env.update(USER=name, LOGNAME=name, HOME=self.home_dir, SHELL="/bin/sh")
        env["JUPYTER_RUNTIME_DIR"] = self.user_runtime_dir
        return env

    def _own(self, path: Path, mode: int) -> None:
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, mode)
        for root, dirs, files in os.walk(path):
            for entry in [root, *(os.path.join(root, n) for n in dirs + files)]:
                st = os.lstat(entry)
                if (st.st_uid, st.st_gid) != (self.uid, self.uid):
                    os.lchown(entry, self.uid, self.uid)

    async def start(self):
        # pre_spawn_hook (the course copy) ran as the hub: hand the home to its owner.
        self._own(Path(self.home_dir), 0o700)
        self._own(Path(self.user_runtime_dir), 0o700)
        return await super().start()

    def make_preexec_fn(self, name: str):
        uid, home = self.uid, self.home_dir
        nproc = self.max_processes
        address_space = self.max_address_space_mb * 1024 * 1024
        hidden = private_ancestors([Path(p) for p in self.reachable])
        # Everything the child needs is prepared here, before fork: no imports, no dlopen,
        # no allocation-heavy work in the child.
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True) if hidden else None
        binds = [
            (d.encode(), [(e.encode(), f"{d}/{e}".encode()) for e in entries])
            for d, entries in hidden.items()
        ]

        def _check(rc: int, what: bytes) -> None:
            if rc != 0:
                err = ctypes.get_errno()
                raise OSError(err, f"{what.decode()}: {os.strerror(err)}")

        def preexec() -> None:
            if binds:
                _check(libc.unshare(CLONE_NEWNS), b"unshare")
                _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), b"private /")
                for directory, entries in binds:
                    fds = [(os.open(src, os.O_PATH | os.O_DIRECTORY), e) for e, src in entries]
                    _check(
                        libc.mount(
                            b"tmpfs",
                            directory,
                            b"tmpfs",
                            MS_NOSUID | MS_NODEV,
                            b"mode=0711,size=64k",
                        ),
                        b"tmpfs " + directory,
                    )
                    for fd, entry in fds:
                        target = directory + b"/" + entry
                        os.mkdir(target, 0o755)
                        source = b"/proc/self/fd/" + str(fd).encode()
                        _check(libc.mount(source, target, None, MS_BIND | MS_REC, None), target)
                        os.close(fd)
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            if address_space:
                resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.umask(0o077)
            os.chdir(home)

        return preexec

    def move_certs(self, paths):
        """internal_ssl is off on this hub: nothing to move."""
        return paths

"""A throwaway PostgreSQL server for one test run, when no TEST_DATABASE_URL is given.

A newcomer's `make test` should exercise PostgreSQL as CI does without setting
anything up: when Debian's server binaries are installed (the set-up installs
them), a cluster is made in a temporary folder, listens only on a Unix socket
in that folder (so it never fights another server for a port) and trusts its
one user. It is stopped and its folder removed when the run ends, pass or fail.

initdb refuses to run as root, so as root the cluster belongs to the
`postgres` user and the server commands run through runuser.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"
DEBIAN_BINARIES = Path("/usr/lib/postgresql")


class ClusterUnavailable(RuntimeError):
    """No cluster can be made here; the message says why, for the skip."""


def server_binaries(root: Path = DEBIAN_BINARIES) -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest, else the ones on PATH."""

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name))

    found = [bin_ for bin_ in root.glob("*/bin") if _has_server(bin_)]
    if found:
        return max(found, key=version)
    initdb = shutil.which("initdb")
    if initdb and _has_server(Path(initdb).resolve().parent):
        return Path(initdb).resolve().parent
    return None


def _has_server(folder: Path) -> bool:
    return all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


@dataclass
class Cluster:
    binaries: Path
    folder: Path
    as_user: str | None  # run the server commands as this user (we are root)

    @property
    def url(self) -> str:
        return f"postgresql://{SERVER_USER}@/postgres?host={self.folder}"

    def stop(self) -> None:
        """Stop the server, however far it got, and remove its folder."""
        try:
            if (self.folder / "data" / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", self.folder / "data", "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args) -> None:
        command = [str(self.binaries / program), *map(str, args)]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            said = (finished.stderr or finished.stdout).strip().splitlines()[-3:]
            raise ClusterUnavailable(f"{program} failed: {' / '.join(said)}")


def start(binaries: Path) -> Cluster:
    """A running cluster in a new temporary folder; stop() it when done."""
    as_user = _server_user_if_root()
    folder = Path(tempfile.mkdtemp(prefix="pg-tests-", dir="/tmp" if as_user else None))
    cluster = Cluster(binaries, folder, as_user)
    try:
        if as_user:
            account = pwd.getpwnam(as_user)
            os.chown(folder, account.pw_uid, account.pw_gid)
        data = folder / "data"
        cluster._run(
            "initdb", "-D", data, "-U", SERVER_USER, "-A", "trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        # Throwaway data: nothing need survive a crash, so skip what makes writes durable.
        settings = f"-c listen_addresses='' -k {folder} -c fsync=off -c full_page_writes=off"
        log = folder / "server.log"
        cluster._run("pg_ctl", "-D", data, "-l", log, "-o", settings, "-w", "start")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _server_user_if_root() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ClusterUnavailable(
            f"running as root, and initdb will not, but there is no {SERVER_USER} user"
        ) from None
    if not shutil.which("runuser"):
        raise ClusterUnavailable("running as root, and initdb will not, but there is no runuser")
    return SERVER_USER

"""Where a submission's kernel runs: an empty folder, caps, and a way to kill everything.

Three levels, the strongest the machine allows (``--isolation`` can ask for less):

``bwrap``
    bubblewrap: a read-only view of the system in which the course's source, the
    instructor's folders, the other submissions and the grader's output are hidden
    (empty tmpfs), a private /tmp, no network, its own PID namespace (everything
    dies with it, detached children included).
``unshare``
    (root, without bubblewrap) ``unshare -n -fp --mount-proc``: no network and its
    own PID namespace; files are protected by the unprivileged user only.
``process-group``
    neither is available: its own session and process group, rlimits. Processes that
    leave the group (``setsid``, double fork) are found by an environment marker they
    inherit (``NBGRADE_RUN``, a random value per submission) and, as root, by their
    uid; a process started with a cleared environment by a non-root grader escapes.

In the first two the grader runs as root and the kernel as a user of its own
(uid ``BASE_UID + slot``, or the next one no other grading on this machine holds, so
two batches graded at once never share or kill each other's uid): RLIMIT_NPROC counts
only that kernel's processes, the kernel cannot write outside its folder, and at the
end every process of that uid is killed. Every level sets RLIMIT_AS (memory),
RLIMIT_NPROC and RLIMIT_CPU.
"""
import fcntl
import os
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path

BASE_UID = 61000
UIDS = 1000  # uids BASE_UID ... BASE_UID + UIDS - 1, one per submission being graded on this machine
LOCKS = "/run/nbgrade-uids" if os.path.isdir("/run") else "/tmp/nbgrade-uids"
MARKER = "NBGRADE_RUN"
LEVELS = ("bwrap", "unshare", "process-group")


def _works(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def available(wanted="auto"):
    """The isolation level to use: ``wanted`` if it works here, else the best that does."""
    root = os.geteuid() == 0
    checks = {
        "bwrap": lambda: shutil.which("bwrap") and _works(
            ["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "--proc", "/proc", "--dev", "/dev",
             "true"]),
        "unshare": lambda: root and shutil.which("unshare") and _works(["unshare", "-n", "-fp", "--mount-proc", "true"]),
        "process-group": lambda: True,
    }
    order = LEVELS if wanted == "auto" else LEVELS[LEVELS.index(wanted):]
    for level in order:
        if checks[level]():
            return level
    return "process-group"


def student_library(dest, package_dir):
    """Copy the student-facing nbhelpers to ``dest``: no reference solutions, no grader.

    Returns the folder to put on the kernel's PYTHONPATH.
    """
    dest = Path(dest)
    skip = shutil.ignore_patterns("_catalogue", "grading", "__pycache__", "*.pyc")
    shutil.copytree(package_dir, dest / "nbhelpers", ignore=skip)
    data = Path(package_dir).parent / "data"
    if not (dest / "nbhelpers" / "_data").exists() and data.is_dir():
        shutil.copytree(data, dest / "nbhelpers" / "_data")
    for path in [dest, *dest.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return dest


class Sandbox:
    """The launch command and the clean-up of one submission's kernel.

    Parameters
    ----------
    level : str
        One of :data:`LEVELS`.
    rundir : Path
        The submission's own folder (its working directory, home and sockets live there).
    slot : int
        A number unique among the submissions graded at the same time (picks the uid).
    hide : list of Path
        Folders the kernel must not see (bwrap only): course source, instructor files, output.
    library : Path
        The student-facing copy of nbhelpers (bound read-only under bwrap).
    memory_mb, nproc, cpu_seconds : int
        The rlimits.
    """

    def __init__(self, level, rundir, slot, hide=(), library=None, memory_mb=2048, nproc=64, cpu_seconds=3600):
        self.level, self.rundir, self.hide = level, Path(rundir), [Path(h) for h in hide]
        self.library = library
        self.root = os.geteuid() == 0
        self._lock = None
        self.uid = self._claim_uid(slot) if self.root else None
        self.memory_mb, self.nproc, self.cpu_seconds = memory_mb, nproc, cpu_seconds
        self.marker = secrets.token_hex(16)

    def env(self):
        """Variables the kernel's environment must carry: the marker :meth:`kill_all` looks for."""
        return {MARKER: self.marker}

    def _claim_uid(self, slot):
        """The first uid from ``BASE_UID + slot`` that no other grading on this machine holds (an flock)."""
        os.makedirs(LOCKS, mode=0o700, exist_ok=True)
        for uid in list(range(BASE_UID + slot, BASE_UID + UIDS)) + list(range(BASE_UID, BASE_UID + slot)):
            fd = os.open(os.path.join(LOCKS, str(uid)), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue
            self._lock = fd
            return uid
        raise RuntimeError(f"all {UIDS} grading uids from {BASE_UID} are in use")

    def release(self):
        """Let another grading use this uid (after :meth:`kill_all`)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def describe(self):
        """The isolation named in the CSV."""
        return f"{self.level}+own-uid" if self.uid is not None else self.level

    def prepare(self):
        """Give the folder to the kernel's user (when there is one)."""
        if self.uid is None:
            return
        for path in [self.rundir, *self.rundir.rglob("*")]:
            os.chown(path, self.uid, self.uid)
        self.kill_all()  # nothing left over from an earlier run with this uid

    def _limits(self):
        nproc = self.nproc if self.uid is not None else _own_processes() + self.nproc
        return ["prlimit", f"--as={self.memory_mb * 1024 * 1024}", f"--nproc={nproc}",
                f"--cpu={int(self.cpu_seconds)}", "--core=0", "--"]

    def wrap(self, argv):
        """The command that runs ``argv`` inside the sandbox."""
        inner = self._limits()
        if self.uid is not None:
            inner += ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--"]
        inner += list(argv)
        if self.level == "bwrap":
            outer = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
                     "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent"]
            for path in self.hide:
                if path.is_dir() and not _contains(path, self.rundir) and not _contains(path, Path(argv[0])):
                    outer += ["--tmpfs", str(path)]
            # the kernel's Python must stay visible even where it lives under /tmp (a CI clone, say)
            for path in _python_dirs(argv[0]):
                if _contains(Path("/tmp"), path) or any(_contains(h, path) for h in self.hide):
                    outer += ["--ro-bind", str(path), str(path)]
            if self.library:
                outer += ["--ro-bind", str(self.library), str(self.library)]
            outer += ["--bind", str(self.rundir), str(self.rundir), "--chdir", str(self.rundir / "work")]
            return outer + inner
        if self.level == "unshare":
            return ["unshare", "-n", "-fp", "--mount-proc", "--kill-child"] + inner
        return inner

    def kill_all(self):
        """Kill every process of the kernel's uid (root) or carrying its marker, until none is left."""
        for _ in range(50):
            pids = _pids_of_uid(self.uid) if self.uid is not None else []
            pids += _pids_with_marker(f"{MARKER}={self.marker}".encode())
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.02)


def _python_dirs(executable):
    """The folders a Python needs to start: its environment, the installation behind it, the executable's own."""
    import sys

    dirs = {Path(sys.prefix), Path(sys.base_prefix), Path(executable).parent.parent,
            Path(executable).resolve().parent.parent}
    return sorted(d.resolve() for d in dirs if d.exists())


def _contains(folder, path):
    try:
        Path(path).resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _pids_of_uid(uid):
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


def _pids_with_marker(entry):
    """Processes (other than this one) whose initial environment holds ``entry`` (b"NAME=value")."""
    pids, me = [], os.getpid()
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) != me:
            try:
                with open(f"/proc/{name}/environ", "rb") as f:
                    if entry in f.read().split(b"\0"):
                        pids.append(int(name))
            except OSError:
                pass
    return pids


def _own_processes():
    """Processes (threads included, as RLIMIT_NPROC counts them) of this uid."""
    uid, count = os.getuid(), 0
    for pid in _pids_of_uid(uid):
        try:
            count += len(os.listdir(f"/proc/{pid}/task"))
        except OSError:
            pass
    return count

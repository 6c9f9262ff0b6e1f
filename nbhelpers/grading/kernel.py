"""A student's kernel, seen from the grader: run cells, call answers, survive anything.

:class:`Kernel` starts ipykernel inside a :class:`~nbhelpers.grading.sandbox.Sandbox`
(ZeroMQ over Unix sockets in the submission's folder, so no network is needed), runs
the submission's code cells one by one with a time limit each, and then answers the
grader's requests through the agent (:mod:`nbhelpers.grading.agent`). A cell or a
call that outlives its limit is interrupted; if the kernel ignores the interrupt for
one second it is killed with everything it started, restarted, and the cells that
had run are replayed, so later questions are still graded.
"""
import json
import os
import queue
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import agent, wire

MAX_OUTPUT = 1_000_000
GRACE = 1.0


@dataclass
class Run:
    """What one cell or call did: status "ok", "error", "timeout", "memory" or "dead"."""

    status: str
    ename: str = ""
    evalue: str = ""
    stdout: list = field(default_factory=list)


class Kernel:
    """One submission's kernel.

    Parameters
    ----------
    sandbox : Sandbox
    env : dict
        The kernel's whole environment (nothing of the grader's is inherited).
    deadline : float
        ``time.monotonic()`` value after which nothing more runs (the notebook limit).
    """

    def __init__(self, sandbox, env, deadline):
        self.sandbox, self.env, self.deadline = sandbox, env, deadline
        self.km = self.kc = None
        self.good_cells = []
        self.restarts = 0
        self.notes = []

    # --- life cycle -------------------------------------------------------------------
    def start(self):
        from jupyter_client import KernelManager
        from jupyter_client.kernelspec import KernelSpecManager

        rundir = self.sandbox.rundir
        spec_dir = rundir / "spec" / "nbgrade"
        spec_dir.mkdir(parents=True, exist_ok=True)
        argv = self.sandbox.wrap([sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                                  "--IPKernelApp.parent_handle=0"])  # its parent is outside the PID namespace
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": argv, "display_name": "nbgrade", "language": "python", "interrupt_mode": "message"}))
        conn = rundir / "conn"
        conn.mkdir(exist_ok=True)
        for old in conn.iterdir():
            old.unlink()
        ksm = KernelSpecManager(kernel_dirs=[str(rundir / "spec")])
        self.km = KernelManager(kernel_name="nbgrade", kernel_spec_manager=ksm, transport="ipc",
                                ip=str(conn / "k"), connection_file=str(conn / "kernel.json"))
        self.km.write_connection_file()
        self.sandbox.prepare()
        self.km.start_kernel(env=self.env, cwd=str(rundir / "work"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        try:
            self.kc.wait_for_ready(timeout=max(5.0, min(60.0, self.remaining())))
        except RuntimeError as exc:
            self.stop()
            raise KernelStartError(str(exc).splitlines()[0] if str(exc) else "the kernel did not start") from None

    def stop(self):
        """Kill the kernel and every process it started."""
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None:
            proc = getattr(self.km.provisioner, "process", None) if self.km.provisioner else None
            if proc is not None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError, OSError):
                    pass
            try:
                self.km.shutdown_kernel(now=True)
            except Exception:  # noqa: BLE001 - it is dead or dying: nothing more to do
                pass
            self.km.cleanup_resources()
        self.sandbox.kill_all()
        self.km = self.kc = None

    def restart(self):
        """A fresh kernel with the cells that had run before replayed."""
        self.stop()
        self.restarts += 1
        self.start()
        good, self.good_cells = self.good_cells, []
        for code, limit in good:
            if self.remaining() <= 0:
                break
            self.run_cell(code, limit)

    def remaining(self):
        return self.deadline - time.monotonic()

    # --- running code -------------------------------------------------------------------
    def run_cell(self, code, limit):
        """Run one of the student's cells."""
        run = self._execute(code, min(limit, self.remaining()))
        if run.status in ("ok", "error"):
            self.good_cells.append((code, limit))
        return run

    def _execute(self, code, limit):
        if self.kc is None:
            return Run("dead", evalue="the kernel is not running")
        if limit <= 0:
            return Run("timeout", evalue="no time left")
        msg_id = self.kc.execute(code, store_history=False, allow_stdin=False, stop_on_error=False)
        end = time.monotonic() + limit
        run, size, interrupted = Run("ok"), 0, None
        while True:
            now = time.monotonic()
            if interrupted is None and now > end:
                interrupted = now
                try:
                    self.km.interrupt_kernel()
                except Exception:  # noqa: BLE001 - a dead kernel: noticed below
                    pass
            if interrupted is not None and now > interrupted + GRACE:
                self.restart()  # the code ignored the interrupt: kill it all
                return Run("timeout", evalue=f"killed after {limit:g} s")
            try:
                msg = self.kc.get_iopub_msg(timeout=0.1)
            except queue.Empty:
                if not self.km.is_alive():
                    self.restart()
                    return Run("dead", evalue="the kernel died")
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and size < MAX_OUTPUT:
                text = str(content.get("text", ""))[: MAX_OUTPUT - size]
                size += len(text)
                run.stdout.append(text)
            elif kind == "error":
                run.ename, run.evalue = str(content.get("ename", ""))[:100], str(content.get("evalue", ""))[:300]
                run.status = "memory" if run.ename == "MemoryError" else "error"
            elif kind == "status" and content.get("execution_state") == "idle":
                break
        if interrupted is not None:
            return Run("timeout", evalue=f"interrupted after {limit:g} s", stdout=run.stdout)
        return run

    # --- the grader's requests -------------------------------------------------------------
    def install_agent(self):
        return self._execute(agent.install_code(), max(1.0, min(30.0, self.remaining())))

    def request(self, request, limit):
        """Send one request; return the reply dict (``kind`` "ok", "raised", "timeout", ...)."""
        nonce = secrets.token_hex(16)  # drawn now: no code in the kernel could know it before this call
        payload = json.dumps(dict(request, nonce=nonce), allow_nan=True)
        run = self._execute(agent.call_code(payload), min(limit, self.remaining()))
        if run.status in ("timeout", "dead"):
            if run.status == "timeout" or self.kc is not None:
                self.install_agent()
            return {"kind": run.status, "error": run.evalue}
        if run.status == "memory":
            return {"kind": "memory", "error": "MemoryError"}
        text = "".join(run.stdout)
        for line in text.splitlines():
            if line.startswith(nonce + " "):
                return _checked_reply(line[len(nonce) + 1:])
        if run.status == "error":
            return {"kind": "raised", "error": f"{run.ename}: {run.evalue}"}
        return {"kind": "raised", "error": "no answer came back from the notebook's kernel"}


class KernelStartError(RuntimeError):
    """The kernel did not start."""


def _checked_reply(text):
    """The reply as a dict of plain data; a malformed one becomes an error reply."""
    try:
        data = json.loads(text) if len(text) <= wire.MAX_BYTES else None
    except (json.JSONDecodeError, RecursionError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
        return {"kind": "raised", "error": "the kernel's reply was not plain data"}
    return data

"""Answers that live in the student's kernel, as the checkers see them.

A :class:`Remote` stands for a function or an object of the notebook. The checkers
call it through ``ctx.call`` exactly like a local function; the call goes to the
kernel with the grader's inputs (data, or a random generator, a portable test function or
a graph of Values, each sent as what makes it) and comes back as plain data (:mod:`.wire`),
so the checker compares values it decoded itself: a node of a graph it sent comes back
as the grader's own node. The kernel's answer can be anything the
student's code chose, and counts only as that code's answer to these inputs.
"""
from ..quiz._runner import Outcome
from . import wire


class Remote:
    """A name (or a kept object) in the student's kernel.

    Parameters
    ----------
    kernel : Kernel
    target : dict
        ``{"name": "softmax"}`` or ``{"handle": 3}``.
    attr : tuple of str
        Attributes to follow from the target, e.g. ``("predict",)``.
    type_name : str
        The type the kernel reported (for messages; never trusted for points).
    source : str
        The submission's code, for the source rules (the grader's copy, not the kernel's).
    """

    def __init__(self, kernel, target, attr=(), type_name="", source="", clock=None):
        self._kernel, self._target, self._attr = kernel, target, tuple(attr)
        self._nbgrade_type, self._nbgrade_source = type_name, source
        self._nbgrade_name = target.get("name", "")
        self._clock = clock

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Remote(self._kernel, self._target, self._attr + (name,), "", self._nbgrade_source, self._clock)

    def __call__(self, *args, **kwargs):
        out = self._nbgrade_outcome(args, kwargs, 30.0)
        if out.kind != "ok":
            raise RuntimeError(out.error or out.kind)
        return out.value

    def __repr__(self):
        return f"<{self._nbgrade_type or 'object'} in the notebook>"

    def _limit(self, timeout):
        left = self._clock() if self._clock else timeout
        return max(0.0, min(timeout, left))

    def _decode(self, value, nodes=()):
        def handle(i, type_name):
            return Remote(self._kernel, {"handle": i}, (), type_name, self._nbgrade_source, self._clock)

        return wire.decode(value, handle, list(nodes))

    def _send(self, request, timeout):
        limit = self._limit(timeout)
        if limit <= 0:
            return {"kind": "timeout", "error": "the time for this question is used up"}
        return self._kernel.request(dict(request, target=self._target, attr=list(self._attr)), limit)

    def _nbgrade_outcome(self, args, kwargs, timeout, arg_names=None):
        """Call it in the kernel; an :class:`Outcome` like :func:`safe_call`'s."""
        try:
            data, nodes = wire.encode_call(args, kwargs)
            request = {"op": "call", **data, "arg_names": list(arg_names or [])}
        except wire.WireError as exc:
            return Outcome("raised", error=f"the grader cannot send this input ({exc})")
        limit = self._limit(timeout)
        reply = self._send(request, timeout)
        kind = reply.get("kind")
        if kind == "timeout":
            return Outcome("timeout", error=f"it was still running after {limit:g} seconds")
        if kind in ("not_done", "missing", "memory", "raised", "dead"):
            return Outcome(kind, error=str(reply.get("error", ""))[:300])
        try:
            value = self._decode(reply.get("value"), nodes.values)  # a node it names is the grader's own
        except wire.WireError as exc:
            return Outcome("raised", error=f"the answer is not plain data ({exc})")
        text = lambda v: [str(s)[:300] for s in v] if isinstance(v, list) else []  # noqa: E731
        return Outcome("ok", value, printed=str(reply.get("printed", ""))[:2000], warnings=text(reply.get("warnings")),
                       mutated=text(reply.get("mutated")))

    def _nbgrade_get(self, timeout=10.0):
        """The value itself (data, or another Remote for an object): (found, value)."""
        reply = self._send({"op": "get"}, timeout)
        if reply.get("kind") != "ok":
            return False, reply.get("error") or reply.get("kind")
        self._nbgrade_module = str(reply.get("module", ""))[:200]  # as the kernel says: only ever held against it
        try:
            return True, self._decode(reply.get("value"))
        except wire.WireError as exc:
            return False, f"not plain data ({exc})"

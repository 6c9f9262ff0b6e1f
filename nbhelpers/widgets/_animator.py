"""Frames pushed by the kernel while Play runs, never far ahead of what the page has shown.

A Play button's ticks travel to the kernel one round trip at a time, and on a busy machine
a round trip through the Jupyter server takes 60 ms or more: a widget that draws one frame
per tick is held to about 15 frames a second whatever its drawing costs. So while playing,
a thread of the kernel trains and draws on its own clock (at most ``fps`` frames a second),
and the ticks serve as acknowledgements: each one lets the thread run ``ahead`` more frames.
A page that stops answering (a hidden tab, a slow browser) stops the frames after
``ahead`` of them, so no backlog builds up.
"""
import threading
import time


class Animator:
    """Calls ``frame()`` in a background thread while running; ``frame`` returns False to stop.

    Parameters
    ----------
    frame : callable
        Trains and draws one frame; called with :attr:`lock` held.
    fps : float
        The most frames a second.
    ahead : int
        Frames the thread may draw after the last :meth:`tick` (the page's acknowledgement).
    """

    def __init__(self, frame, fps=60.0, ahead=6):
        self.frame, self.fps, self.ahead = frame, fps, ahead
        self.lock = threading.RLock()  # held by every frame; the widget holds it while it changes state
        self._cond = threading.Condition()
        self._credits = 0
        self._running = False
        self._thread = None

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def start(self):
        """Start the frames (a no-op if they run)."""
        if self.running:
            return
        with self._cond:
            self._running, self._credits = True, self.ahead
        self._thread = threading.Thread(target=self._run, name="nbh-animator", daemon=True)
        self._thread.start()

    def stop(self):
        """Stop the frames; waits for the current one unless called from inside a frame."""
        with self._cond:
            self._running = False
            self._cond.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=2.0)

    def tick(self):
        """The page answered: allow ``ahead`` more frames."""
        with self._cond:
            self._credits = self.ahead
            self._cond.notify_all()

    def _run(self):
        while True:
            with self._cond:
                while self._running and self._credits <= 0:
                    self._cond.wait(0.5)
                if not self._running:
                    return
                self._credits -= 1
            t0 = time.perf_counter()
            with self.lock:
                if not self._running or not self.frame():
                    with self._cond:
                        self._running = False
                    return
            time.sleep(max(0.0, 1.0 / self.fps - (time.perf_counter() - t0)))

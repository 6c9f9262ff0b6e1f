"""Helpers shared by the headless widget tests."""


def set_controls(w, pairs):
    """Set several controls of widget ``w``, rendering once at the end (as a reader's last change would)."""
    refresh, w.live.refresh = w.live.refresh, lambda: None
    try:
        for control, value in pairs:
            control.value = value
    finally:
        w.live.refresh = refresh
    w.update()

"""Shared test set-up: a non-interactive matplotlib backend, before anything imports pyplot."""
import os

os.environ.setdefault("MPLBACKEND", "Agg")

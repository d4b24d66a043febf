"""dyad: evidence-backed political event data from news text."""

from __future__ import annotations

__version__ = "0.1.0"

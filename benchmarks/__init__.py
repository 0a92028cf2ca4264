"""Ratio benchmarks of mml against the reference libraries (see harness.py)."""

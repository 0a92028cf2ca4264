"""Headless matplotlib for every plot test."""

import matplotlib

matplotlib.use("Agg")

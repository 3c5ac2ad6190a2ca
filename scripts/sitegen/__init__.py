"""The bundled GoNews sample site: a deterministic generator and a loopback server.

Used by the README demo, the tests and the benchmarks in place of the live site.
"""
from __future__ import annotations

from sitegen.generate import SiteSummary, build_site, generate_site, load_truth

__all__ = ["SiteSummary", "build_site", "generate_site", "load_truth"]

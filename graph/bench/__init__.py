"""Benchmarks of stancegraph at scale: a seeded corpus generator and a runner that measures
each operation side by side with a baseline in one run (``python -m graph.bench``, ``make bench``).

``bench`` imports ``graph`` and ``api``; neither imports ``bench``.
"""

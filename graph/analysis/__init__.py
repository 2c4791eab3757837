"""Analyses of the store as plain functions: the stance view, lookups and evidence, camps, paths,
discourse networks, coalitions, centrality, and time windows over each."""

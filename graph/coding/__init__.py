"""Writes of coded material into the store: sources, statements and retractions (edit), DNA imports (dna)."""

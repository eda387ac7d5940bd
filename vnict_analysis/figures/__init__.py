"""Figures layer: numbers in any script, what surrounds them, and the figure mentions of an article."""

"""People layer: the registry of places, bodies and people, titles and roles, attributions and credits."""

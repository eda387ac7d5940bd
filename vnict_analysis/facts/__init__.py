"""Facts layer: indicators and entities of mentions, facts across sources, arithmetic checks."""

"""Text layer: language data (CLDR + YAML lexicons) and segmentation into sentences."""

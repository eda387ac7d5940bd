"""Report layer: formatting, tables, charts, prose and the sources page for the book's notebooks."""

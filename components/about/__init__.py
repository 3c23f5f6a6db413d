"""Builders for the About page: the data notes with their evidence, the source cards, the tables, the progress rule."""

"""Builders for the indicators: values as text, charts, the list and detail parts, progress since 2020."""

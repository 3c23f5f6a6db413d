"""The build: two source documents plus small curated files -> data/ordos.duckdb.

Steps, each its own module: read (bytes -> checked text), parse_plan / parse_story (text -> records),
curated (hand-kept files that hold what the text cannot give), assemble (records -> tables),
validate (SCHEMA.md's rules), publish (temp file -> atomic replace). Run it with `python -m pipeline`.
"""

"""The phone edition: the app's views as a static site (python -m edition --out site; see edition/build.py)."""

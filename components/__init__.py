"""Builders: pure functions (data, lang, ...) -> chart, deck or HTML string. No st.* calls except in chrome.py."""

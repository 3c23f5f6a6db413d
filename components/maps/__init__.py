"""The district map: the interactive pydeck map of the Map and story pages (deck.py), what its shading means and
its legend (legend.py), the map in words and its project lists (lists.py), the outlines' geometry (geo.py), the
static picture for slides (static.py), and the Map page's widgets (ui.py, the one module here that calls st.*)."""

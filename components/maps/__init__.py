"""The district map: the interactive pydeck map of the Map and story pages, its legend and lists, and the static picture for slides."""

"""The slides, defined once from the database and drawn three ways.

- `model`: what a slide holds (Bi texts in both languages, Figure, Chart, Table, Slide) and the text helpers;
- `build`: the deck from `core.data.deck_tables()`, title to closing (the plan's investment slides in
  `investment`, the indicators' in `indicators`), with the slides' pictures drawn by `charts`;
- `html`: the kiosk's and the presenter's overlay (templates/deck/, assets/deck/);
- `pptx`: the PowerPoint decks and the charts as files (`make deck`).
"""

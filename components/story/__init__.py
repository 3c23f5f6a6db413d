"""Builders for the Jungar Banner story page: its charts, its links to the city plan, its chapters' parts."""

"""The projects page's builders: investment charts, the timeline, the table, one project's detail, the skew in figures."""

"""What every page shares: settings, the read-only data module, language, URL state, number formats."""

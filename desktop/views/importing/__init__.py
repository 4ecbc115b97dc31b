"""The import wizard (File → Import): Excel, CSV, Word and Boardwork files."""

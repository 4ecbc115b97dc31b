"""The Reports area's screens (the page itself is still desktop/views/reports_page.py)."""

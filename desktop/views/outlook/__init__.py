"""Screens for what goes to Outlook: the e-mail templates and the "Prepare e-mails" step."""

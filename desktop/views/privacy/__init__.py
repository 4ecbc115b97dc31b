"""Data protection screens: the retention schedule and review, subject access, the audit
trail, erasing a record made by mistake, and anonymising a person from the People area."""

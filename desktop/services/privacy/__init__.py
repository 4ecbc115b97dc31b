"""Data protection (UK GDPR): the retention schedule and its review, anonymising a person,
subject access, the audit trail as a user reads it, and erasing a record made by mistake.

Every change here is one transaction, and each writes a note with its reason into the
audit trail (trail.record_note) beside the row-by-row entries the flush hook writes.
"""

"""Files Outlook (or any mail program) opens: calendar invitations (.ics) and e-mail drafts
(.eml with X-Unsent: 1). The application holds no mail credentials and sends nothing: the
coordinator checks each draft and presses Send."""

"""Conversations and the customer's rights over them, with no HTTP in it (every channel uses it).

- ``records``: registering a conversation and checking its secret, reading it back (history,
  the stored events), the training opt-out, deleting it under its lock
- ``rights``: carrying out the requests the dialogue signals (delete, download, opt-out)
- ``requests``: those request payloads, read from the one declaration in the actions
- ``transcript``: the customer's download (text or JSON)
- ``texts``: what the server says about the customer's rights, in da/sv/en
- ``redaction_notice``: telling the user, in their language, what was removed and why
- ``refs``: how logs name a conversation
"""

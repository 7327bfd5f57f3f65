"""Where a chat message comes in, one module per way in, all ending in :mod:`.inbound`.

- ``inbound``: the one path every message takes (validate → redact → agent)
- ``conversation_api``: the widget's API (server-issued ids, secret required), and
  ``GET /api/widget-config`` (what the widget shows that the server decides)
- ``rest_channel``: Rasa's REST webhook format; ``sender_ids``: the rule for its client-named ids
- ``socketio_channel``: Rasa's socket.io protocol (rasa-webchat works unchanged);
  ``user_texts``: the server's own short texts to its users
- ``conversation_ids``: issuing ids and secrets; ``metadata``: company and language a page sends;
  ``payloads``: which ``/`` messages Rasa may read as payloads
"""

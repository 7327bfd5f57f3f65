"""The aiohttp web server behind `privacybot serve`, one module per job.

- ``inbound``: where a user message enters (validate → redact → agent), for every channel
- ``rest_channel``: Rasa's REST webhook format (client-named sender); ``sender_ids``: the rule
  for those names (ids, never personal data)
- ``payloads``: which ``/`` messages Rasa may read as payloads (only those the bot offered)
- ``conversation_api``: the widget's API (server-issued ids, secret required)
- ``socketio_channel``: Rasa's socket.io protocol at /socket.io (rasa-webchat works unchanged)
- ``conversation_ids``: issuing ids and secrets, checking bearer secrets
- ``limits``: request size, JSON and rate limits; ``client_address``: who is asking
- ``server``: serving the app with connection limits; ``deadlines``: store timeouts per request
- ``security_headers``: CSP, CORS and the other response headers
- ``health``, ``demo_page``, ``policy_page``, ``assets``: the pages and files served
- ``redaction_notice``: telling the user, in their language, what was removed and why
- ``store_gateway``: the only module that talks to the transcript store
- ``agent_holder``: the Rasa agent, loaded in the background at start-up
"""

"""The aiohttp web server behind `privacybot serve`, one module per job: thin HTTP handlers
over :mod:`bot.conversations` (conversations and the customer's rights, no HTTP there).

- ``inbound``: where a user message enters (validate → redact → agent), for every channel
- ``rest_channel``: Rasa's REST webhook format (client-named sender); ``sender_ids``: the rule
  for those names (ids, never personal data)
- ``payloads``: which ``/`` messages Rasa may read as payloads (only those the bot offered)
- ``conversation_api``: the widget's API (server-issued ids, secret required)
- ``auth``: the bearer secret every per-conversation route checks
- ``rights_api``: the customer's rights over HTTP (download, delete, training opt-out)
- ``responses``: JSON errors, and the error middleware (a dead store is a 503 with Retry-After)
- ``socketio_channel``: Rasa's socket.io protocol at /socket.io (rasa-webchat works unchanged)
- ``conversation_ids``: issuing ids and secrets, checking bearer secrets
- ``limits``: request size, JSON and rate limits; ``client_address``: who is asking
- ``server``: serving the app with connection limits; ``deadlines``: store timeouts per request
- ``security_headers``: CSP, CORS and the other response headers
- ``health``, ``demo_page``, ``policy_page``, ``assets``: the pages and files served
- ``store_gateway``: the server's own store needs (reachable?, store errors, the purge schedule)
- ``agent_holder``: the Rasa agent, loaded in the background at start-up
"""

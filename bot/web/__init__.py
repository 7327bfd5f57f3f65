"""The aiohttp web server behind `privacybot serve`: thin HTTP handlers over
:mod:`bot.conversations` (conversations and the customer's rights, no HTTP there).
Serving it (processes, start-up, health) is :mod:`bot.serving`.

- ``channels/``: where a chat message enters (``inbound``, reached from the widget API, the
  REST webhook and socket.io)
- ``pages/``: the demo and policy pages and the widget's files
- ``admin/``: the team's dashboard, statistics and export behind the admin token
- ``rights_api``: the customer's rights over HTTP (download, delete, training opt-out)
- ``auth``: the bearer secret every per-conversation route checks
- ``responses``: JSON errors, and the error middleware (a dead store is a 503 with Retry-After)
- ``limits``: request size, JSON and rate limits; ``client_address``: who is asking
- ``security_headers``: CSP, CORS and the other response headers
- ``app_keys``: what the handlers find on the application
"""

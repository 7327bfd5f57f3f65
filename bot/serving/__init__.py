"""Serving the web app (:mod:`bot.app`): processes, sockets, start-up and the store's clock.

- ``server``: one process serving the app with connection limits and timeouts
- ``workers``: several worker processes on one port (`privacybot serve --workers N`)
- ``topology``: which shared stores several workers need (PostgreSQL, Redis), checked at start
- ``agent_holder``: the Rasa agent, loaded in the background while the port already answers
- ``health``: GET /health, what a load balancer asks (model loaded? store reachable?)
- ``deadlines``: how long one request may wait for the store
- ``store_gateway``: the server's own store needs (reachable?, store errors, the purge schedule)
"""

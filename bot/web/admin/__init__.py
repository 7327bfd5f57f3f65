"""/admin/: the customer-service team's dashboard, statistics and export.

- ``auth``: the admin token and the per-address limits guarding every admin route
- ``handlers``: the routes (page, counts, stats, export); its script and stylesheet are in ``assets/``
"""

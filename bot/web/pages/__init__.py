"""What a browser is served besides the API: pages and files.

- ``demo_page``: GET /, each company's demo page embedding the widget; ``page_origin``: the
  origin its embedding snippet names
- ``policy_page``: GET /policy/{company}, the policies as published (``policies/``)
- ``assets``: the widget's files (bot/widget/), the pages' stylesheet (``static/``) and the
  admin page's files, served from memory
"""

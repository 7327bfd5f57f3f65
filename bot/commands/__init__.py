"""Sub-commands of `privacybot`, one module each.

Every module defines NAME, HELP, ``add_arguments(parser)`` and ``run(args, config) -> int``.
Built-in commands are registered exactly as an extension would be: by module name here.
``tests/bot/test_docs_complete.py`` fails when a command is missing from the README.
"""
COMMAND_MODULES = [
    "serve",
    "train",
    "redact",
    "recognizers",
    "purge",
    "stats",
    "export",
    "migrate",
    "evaluate",
    "settings",
]

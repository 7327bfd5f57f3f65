"""Custom Rasa NLU components: placeholder-aware tokenising and a knowledge-base retrieval signal.

Referenced from config.yml by their import path, so `rasa train` / `rasa run` load them like any
built-in component. Why they exist and what they measured: docs/nlu.md.
"""

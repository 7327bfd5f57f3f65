"""Rasa custom actions: answers composed from the policy knowledge base."""

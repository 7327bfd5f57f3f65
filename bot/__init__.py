"""privacybot: the web server, widget, transcript store and CLI of the privacy-policy assistant."""

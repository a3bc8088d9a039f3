"""The web client: the career site, a client of the three service APIs over HTTP (never their databases)."""

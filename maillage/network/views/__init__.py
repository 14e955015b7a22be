"""Staff pages of the network directory, and the public unsubscribe page."""

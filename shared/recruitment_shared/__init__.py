"""Common package of the recruitment services: event contracts, messaging and web plumbing."""

"""The notification service: emails to consultants and candidates, with a delivery log."""

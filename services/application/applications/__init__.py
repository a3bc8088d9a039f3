"""The application service: applications to open vacancies and their events."""

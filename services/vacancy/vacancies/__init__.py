"""The vacancy service: vacancies, their lifecycle and their events."""

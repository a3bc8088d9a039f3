"""The baseline of `bench/notification_pipeline.py`: the least a notifier can do with the same events.

A kafka-python group consumer (auto commit off, a commit after each polled batch) and an smtplib
loop: for each `ApplicationSubmitted` it sends the same two emails the notification service sends
(to the consultant and to the candidate, with the event id in `X-Recruitment-Event-Id`) straight
to the SMTP server over one kept-open connection. No database, no schema check, no templates, no
retries, no log lines.

    KAFKA_BOOTSTRAP_SERVERS=… KAFKA_TOPIC=… KAFKA_GROUP_ID=… SMTP_HOST=… SMTP_PORT=… python -m bench.bare_notifier

Stops on SIGTERM or SIGINT after the batch in hand.
"""

from __future__ import annotations

import json
import os
import signal
import smtplib
import threading
from email.message import EmailMessage

from kafka import KafkaConsumer

SENDER = "Recruitment platform <no-reply@example.com>"


def emails_for(event: dict) -> list[EmailMessage]:
    """The consultant's and the candidate's email of one ApplicationSubmitted (its CloudEvent JSON)."""
    data = event["data"]
    candidate, consultant = data["candidate"], data["consultant"]
    about = f"{data['vacancy_reference']} {data['vacancy_title']}"
    messages = []
    for recipient, subject, body in (
        (
            consultant["email"],
            f"New application for {about}: {candidate['name']}",
            f"{candidate['name']} ({candidate['email']}) applied for {about}.\n\n{data['motivation']}\n",
        ),
        (
            candidate["email"],
            f"We received your application for {about}",
            f"Dear {candidate['name']},\n\nthank you for applying for {about}.\n",
        ),
    ):
        message = EmailMessage()
        message["From"] = SENDER
        message["To"] = recipient
        message["Subject"] = subject
        message["X-Recruitment-Event-Id"] = event["id"]
        message.set_content(body)
        messages.append(message)
    return messages


def main() -> None:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    topic = os.environ["KAFKA_TOPIC"]
    consumer = KafkaConsumer(
        bootstrap_servers=os.environ["KAFKA_BOOTSTRAP_SERVERS"],
        group_id=os.environ["KAFKA_GROUP_ID"],
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=50,
    )
    consumer.partitions_for_topic(topic)  # know the partitions before joining (see make_consumer)
    consumer.subscribe([topic])
    host, port = os.environ.get("SMTP_HOST", "127.0.0.1"), int(os.environ.get("SMTP_PORT", "1025"))
    smtp: smtplib.SMTP | None = None
    try:
        while not stop.is_set():
            batch = consumer.poll(timeout_ms=500)
            for records in batch.values():
                for record in records:
                    event = json.loads(record.value)
                    if event.get("type") != "ApplicationSubmitted":
                        continue
                    smtp = smtp or smtplib.SMTP(host, port, timeout=30)
                    for message in emails_for(event):
                        smtp.send_message(message)
            if batch:
                consumer.commit()
    finally:
        consumer.close(autocommit=False)
        if smtp is not None:
            smtp.quit()


if __name__ == "__main__":
    main()

"""SMTP settings the notification service refuses at start-up: credentials without TLS above all."""

from __future__ import annotations

import pytest

from notifications import bootstrap
from notifications.sender import SmtpConfigurationError, SmtpSettings

CREDENTIALS = {"SMTP_USERNAME": "mailer", "SMTP_PASSWORD": "s3cret"}


@pytest.mark.parametrize(
    "environ",
    [
        CREDENTIALS,
        {"SMTP_USERNAME": "mailer"},
        {"SMTP_PASSWORD": "s3cret"},
        CREDENTIALS | {"SMTP_STARTTLS": "false", "SMTP_SSL": "no"},
    ],
    ids=["both", "user-only", "password-only", "tls-off"],
)
def test_credentials_without_tls_stop_the_service_at_start_up(environ):
    with pytest.raises(SmtpConfigurationError, match="SMTP_STARTTLS nor SMTP_SSL"):
        SmtpSettings.from_env(environ)
    with pytest.raises(SmtpConfigurationError):  # every process builds its parts from here
        bootstrap.build(environ | {"DATABASE_URL": "sqlite://", "RECRUITMENT_ENV": "development"})


@pytest.mark.parametrize("tls", [{"SMTP_STARTTLS": "true"}, {"SMTP_SSL": "1"}], ids=["starttls", "ssl"])
def test_credentials_with_tls_are_accepted(tls):
    settings = SmtpSettings.from_env(CREDENTIALS | tls)
    assert (settings.username, settings.starttls or settings.ssl) == ("mailer", True)
    assert settings.tls_context().verify_mode.name == "CERT_REQUIRED"
    assert settings.tls_context().check_hostname


def test_a_ca_file_needs_tls_and_must_load(tmp_path):
    missing, garbage = tmp_path / "missing.pem", tmp_path / "garbage.pem"
    garbage.write_text("not a certificate")

    with pytest.raises(SmtpConfigurationError, match="SMTP_CA_FILE"):
        SmtpSettings.from_env({"SMTP_CA_FILE": str(missing)})
    for ca_file in (missing, garbage):
        with pytest.raises(SmtpConfigurationError, match="SMTP_CA_FILE cannot be loaded"):
            SmtpSettings.from_env({"SMTP_CA_FILE": str(ca_file), "SMTP_STARTTLS": "true"})


@pytest.mark.parametrize("sender", ["no-reply@localhost", 'Recruitment <"\x0b"@example.com>', "nobody"])
def test_a_from_address_no_email_could_carry_stops_the_service(sender):
    with pytest.raises(SmtpConfigurationError, match="SMTP_FROM"):
        SmtpSettings.from_env({"SMTP_FROM": sender})


def test_the_local_defaults_start():
    settings = SmtpSettings.from_env({})
    assert (settings.host, settings.port, settings.ca_file, settings.username) == ("127.0.0.1", 1025, None, None)

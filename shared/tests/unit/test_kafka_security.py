"""Kafka's TLS and SASL settings: read once from the environment, refused when they cannot work
or would send credentials in clear, and turned into the same client options everywhere."""

from __future__ import annotations

import ssl

import pytest

from recruitment_shared.config import ConfigurationError, KafkaSecurity, ServiceSettings
from recruitment_shared.messaging.clients import security_options
from recruitment_shared.messaging.topics import TopicRetention

CREDENTIALS = {"KAFKA_SASL_USERNAME": "relay", "KAFKA_SASL_PASSWORD": "s3cret-password"}
SASL_SSL = {"KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512", **CREDENTIALS}


def test_without_settings_clients_speak_plaintext_as_before():
    security = ServiceSettings.from_env("vacancy", {}).kafka_security

    assert security == KafkaSecurity()
    assert security_options(security) == {"security_protocol": "PLAINTEXT"}


def test_sasl_ssl_verifies_the_broker_certificate_and_its_name_and_logs_in():
    options = security_options(KafkaSecurity.from_env(SASL_SSL))

    context = options.pop("ssl_context")
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_REQUIRED, True)
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2
    assert options == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "relay",
        "sasl_plain_password": "s3cret-password",
    }


def test_the_password_stays_out_of_the_settings_repr():
    settings = ServiceSettings.from_env("vacancy", SASL_SSL)

    assert "s3cret-password" not in repr(settings)


@pytest.mark.parametrize("mode", [None, "production", "prod", "staging", "Development"])
def test_sasl_credentials_over_an_unencrypted_connection_are_refused_outside_development(mode):
    environ = {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", **CREDENTIALS}
    if mode:
        environ["RECRUITMENT_ENV"] = mode

    with pytest.raises(ConfigurationError, match="SASL_PLAINTEXT travel unencrypted: use SASL_SSL"):
        ServiceSettings.from_env("vacancy", environ)


def test_sasl_plaintext_is_allowed_in_development():
    environ = {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT", "RECRUITMENT_ENV": "development", **CREDENTIALS}

    assert KafkaSecurity.from_env(environ).uses_sasl


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KAFKA_SECURITY_PROTOCOL": "TLS"}, "KAFKA_SECURITY_PROTOCOL must be one of"),
        ({**SASL_SSL, "KAFKA_SASL_MECHANISM": "GSSAPI"}, "KAFKA_SASL_MECHANISM must be one of"),
        ({**SASL_SSL, "KAFKA_SASL_PASSWORD": ""}, "SASL_SSL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"),
        (CREDENTIALS, "KAFKA_SASL_\\* are set but KAFKA_SECURITY_PROTOCOL=PLAINTEXT ignores them"),
        ({"KAFKA_SSL_CAFILE": "/etc/kafka/ca.pem"}, "KAFKA_SSL_\\* are set but .*PLAINTEXT uses no TLS"),
        (
            {"KAFKA_SECURITY_PROTOCOL": "SSL", "KAFKA_SSL_KEYFILE": "/k.pem"},
            "KAFKA_SSL_KEYFILE needs KAFKA_SSL_CERTFILE",
        ),
    ],
)
def test_settings_that_cannot_work_are_refused_with_the_variable_to_fix(environ, message):
    with pytest.raises(ConfigurationError, match=message):
        KafkaSecurity.from_env(environ)


def test_topics_keep_events_a_week_and_dead_letters_two_weeks_unless_configured():
    default, configured = TopicRetention.from_env({}), TopicRetention.from_env({"KAFKA_RETENTION_HOURS": "24"})

    assert default.configs("vacancies")["retention.ms"] == str(7 * 24 * 3_600_000)
    assert default.configs("vacancies.dlq")["retention.ms"] == str(14 * 24 * 3_600_000)
    assert configured.configs("applications")["retention.ms"] == str(24 * 3_600_000)
    assert configured.configs("applications")["segment.ms"] == str(24 * 3_600_000)


@pytest.mark.parametrize("variable", ["KAFKA_RETENTION_HOURS", "KAFKA_DLQ_RETENTION_HOURS"])
def test_a_retention_that_is_not_positive_is_refused(variable):
    with pytest.raises(ConfigurationError, match="must be positive"):
        TopicRetention.from_env({variable: "0"})

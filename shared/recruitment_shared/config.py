"""Configuration read from environment variables, with safe local defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def environment_with(config: Mapping[str, Any] | None, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment as a web app built with `config` sees it: text settings in `config` that
    name an environment variable (tests pass DATABASE_URL, JWT_SECRET, CV_STORAGE_DIR) win."""
    overrides = {key: value for key, value in (config or {}).items() if isinstance(value, str) and key.isupper()}
    return {**environ, **overrides}


def var_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Where local runs keep their state (SQLite files, mail, Kafka data)."""
    return Path(environ.get("RECRUITMENT_VAR", "var")).resolve()


class ConfigurationError(RuntimeError):
    """A setting that cannot work or would be unsafe: the process refuses to start."""


SECURITY_PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
SASL_MECHANISMS = ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")


@dataclass(frozen=True)
class KafkaSecurity:
    """How clients reach the brokers: TLS (the broker's certificate and name are always
    verified, against `ssl_cafile` or the system's CAs) and SASL credentials."""

    protocol: str = "PLAINTEXT"
    sasl_mechanism: str = "PLAIN"
    sasl_username: str | None = None
    sasl_password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None  # a client certificate, for brokers that ask for one
    ssl_keyfile: str | None = None

    @property
    def uses_tls(self) -> bool:
        """Whether the connection is encrypted and the broker authenticated."""
        return self.protocol in ("SSL", "SASL_SSL")

    @property
    def uses_sasl(self) -> bool:
        """Whether the client logs in with a user name and password."""
        return self.protocol.startswith("SASL_")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> KafkaSecurity:
        """Read KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* and KAFKA_SSL_*; refuse what cannot work
        and, outside RECRUITMENT_ENV=development, credentials that would cross the network in clear."""
        security = cls(
            protocol=environ.get("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").strip().upper() or "PLAINTEXT",
            sasl_mechanism=environ.get("KAFKA_SASL_MECHANISM", "PLAIN").strip().upper() or "PLAIN",
            sasl_username=environ.get("KAFKA_SASL_USERNAME") or None,
            sasl_password=environ.get("KAFKA_SASL_PASSWORD") or None,
            ssl_cafile=environ.get("KAFKA_SSL_CAFILE") or None,
            ssl_certfile=environ.get("KAFKA_SSL_CERTFILE") or None,
            ssl_keyfile=environ.get("KAFKA_SSL_KEYFILE") or None,
        )
        security.check(development=environ.get("RECRUITMENT_ENV") == "development")
        return security

    def check(self, development: bool = False) -> None:
        """Raise ConfigurationError for a combination that is wrong or unsafe."""
        if self.protocol not in SECURITY_PROTOCOLS:
            raise ConfigurationError(f"KAFKA_SECURITY_PROTOCOL must be one of {', '.join(SECURITY_PROTOCOLS)}")
        if self.sasl_mechanism not in SASL_MECHANISMS:
            raise ConfigurationError(f"KAFKA_SASL_MECHANISM must be one of {', '.join(SASL_MECHANISMS)}")
        credentials = self.sasl_username is not None or self.sasl_password is not None
        if self.uses_sasl and not (self.sasl_username and self.sasl_password):
            raise ConfigurationError(f"{self.protocol} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD")
        if credentials and not self.uses_sasl:
            # Set but unused: the operator believes the client logs in, and it does not.
            raise ConfigurationError(f"KAFKA_SASL_* are set but KAFKA_SECURITY_PROTOCOL={self.protocol} ignores them")
        if self.uses_sasl and not self.uses_tls and not development:
            raise ConfigurationError(
                "SASL credentials over SASL_PLAINTEXT travel unencrypted: use SASL_SSL "
                "(SASL_PLAINTEXT is allowed only with RECRUITMENT_ENV=development)"
            )
        if (self.ssl_cafile or self.ssl_certfile or self.ssl_keyfile) and not self.uses_tls:
            raise ConfigurationError(f"KAFKA_SSL_* are set but KAFKA_SECURITY_PROTOCOL={self.protocol} uses no TLS")
        if self.ssl_keyfile and not self.ssl_certfile:
            raise ConfigurationError("KAFKA_SSL_KEYFILE needs KAFKA_SSL_CERTFILE")


@dataclass(frozen=True)
class ServiceSettings:
    """What every process of a service needs to find its database and Kafka."""

    service: str
    database_url: str
    kafka_bootstrap_servers: str
    topic_prefix: str = ""
    relay_poll_seconds: float = 0.5
    consumer_max_attempts: int = 3
    outbox_retention_hours: float = 168.0
    kafka_security: KafkaSecurity = KafkaSecurity()

    @classmethod
    def from_env(cls, service: str, environ: Mapping[str, str] = os.environ) -> ServiceSettings:
        """Read the settings of `service`; SQLite under var/ and Kafka on loopback by default."""
        default_db = f"sqlite:///{var_dir(environ) / f'{service}.sqlite3'}"
        return cls(
            service=service,
            database_url=environ.get("DATABASE_URL", default_db),
            kafka_bootstrap_servers=environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
            topic_prefix=environ.get("KAFKA_TOPIC_PREFIX", ""),
            relay_poll_seconds=float(environ.get("RELAY_POLL_SECONDS", "0.5")),
            consumer_max_attempts=int(environ.get("CONSUMER_MAX_ATTEMPTS", "3")),
            outbox_retention_hours=float(environ.get("OUTBOX_RETENTION_HOURS", "168")),
            kafka_security=KafkaSecurity.from_env(environ),
        )

-- Run once by the postgres image when its data volume is first initialised
-- (/docker-entrypoint-initdb.d), as the superuser POSTGRES_USER.
-- One database per service, each owned by the service's own role: no service can read another
-- service's database. Passwords are for local use only.
CREATE ROLE vacancy LOGIN PASSWORD 'vacancy';
CREATE DATABASE vacancy OWNER vacancy;
REVOKE ALL ON DATABASE vacancy FROM PUBLIC;

CREATE ROLE application LOGIN PASSWORD 'application';
CREATE DATABASE application OWNER application;
REVOKE ALL ON DATABASE application FROM PUBLIC;

CREATE ROLE notification LOGIN PASSWORD 'notification';
CREATE DATABASE notification OWNER notification;
REVOKE ALL ON DATABASE notification FROM PUBLIC;

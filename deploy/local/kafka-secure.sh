# Sourced by kafka.sh when KAFKA_LISTENER_SECURITY=SASL_SSL: a private CA and broker
# certificate (127.0.0.1, localhost), SASL users, and the broker settings of a SASL_SSL
# listener. Everything lives in $secure (inside the broker's own directory) and is made
# once: later starts reuse it, so clients keep trusting the same CA.
# shellcheck shell=bash
# shellcheck disable=SC2154 # var, port, conf come from kafka.sh

secure=$var/secure
client_user=recruitment

# Random secrets, made on first use and kept (mode 600) for later starts.
secure_credentials() {
  (umask 077 && mkdir -p "$secure")
  if [[ ! -s $secure/credentials ]]; then
    local sp bp cp
    sp=$(openssl rand -hex 24) && bp=$(openssl rand -hex 24) && cp=$(openssl rand -hex 24) \
      || die "openssl rand failed"
    (umask 077 && printf 'store_password=%s\nbroker_password=%s\nclient_password=%s\n' "$sp" "$bp" "$cp" \
      >"$secure/credentials.tmp" && mv "$secure/credentials.tmp" "$secure/credentials")
  fi
  # shellcheck source=/dev/null # hex values written above, nothing else
  source "$secure/credentials"
}

# CA (10 years) and a broker certificate for 127.0.0.1 and localhost (renewed when it
# expires within a day), packed with its key into a PKCS12 keystore.
secure_certificates() {
  need openssl openssl
  local ca=$secure/ca.pem
  if [[ ! -s $ca || ! -s $secure/ca.key ]]; then
    say "creating a local CA in $secure"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=recruitment local Kafka CA" \
      -keyout "$secure/ca.key" -out "$ca" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null) || die "creating the CA failed"
    rm -f "$secure/broker.pem"
  fi
  if [[ -s $secure/broker.pem && -s $secure/broker.p12 ]] && openssl x509 -checkend 86400 -noout -in "$secure/broker.pem" >/dev/null; then
    return
  fi
  say "issuing the broker certificate for 127.0.0.1 and localhost"
  (umask 077 && openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$secure/broker.key" -out "$secure/broker.csr" 2>/dev/null \
    && openssl x509 -req -in "$secure/broker.csr" -CA "$ca" -CAkey "$secure/ca.key" -CAcreateserial -days 825 \
      -out "$secure/broker.pem" -extfile <(printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        "basicConstraints=CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth") 2>/dev/null \
    && openssl pkcs12 -export -name broker -in "$secure/broker.pem" -inkey "$secure/broker.key" -certfile "$ca" \
      -passout "pass:$store_password" -out "$secure/broker.p12") || die "issuing the broker certificate failed"
  rm -f "$secure/broker.csr"
}

secure_prepare() {
  secure_credentials
  secure_certificates
}

# Listener settings appended to server.properties. PLAIN users are listed in the JAAS
# line (so they follow the credentials file on every start); the SCRAM user is stored
# in the cluster metadata when the storage is formatted (secure_scram_user).
secure_config() {
  cat <<EOF
# SASL_SSL listener: TLS with the certificate of $secure, SASL PLAIN or SCRAM-SHA-512.
sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=PLAIN
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
  username="broker" password="$broker_password" user_broker="$broker_password" user_$client_user="$client_password";
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
ssl.keystore.type=PKCS12
ssl.keystore.location=$secure/broker.p12
ssl.keystore.password=$store_password
ssl.truststore.type=PEM
ssl.truststore.location=$secure/ca.pem
ssl.client.auth=none
ssl.endpoint.identification.algorithm=https
EOF
}

# StorageTool arguments that create the SCRAM user when the storage is first formatted.
secure_scram_user() {
  printf '%s\n' --add-scram "SCRAM-SHA-512=[name=$client_user,password=$client_password]"
}

# The TLS variant of broker_answers: the certificate must verify against our CA for
# 127.0.0.1, then the broker must answer ApiVersions (allowed before SASL authentication).
secure_answers() {
  local hex
  [[ -s $secure/ca.pem ]] || return 1
  # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash
  hex=$(timeout 5 bash -c '
    coproc TLS { exec openssl s_client -quiet -connect "127.0.0.1:$1" -CAfile "$2" -verify_return_error \
      -verify_ip 127.0.0.1 2>/dev/null; }
    exec 4<&"${TLS[0]}" 5>&"${TLS[1]}"
    printf "\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x05probe" >&5
    head -c 10 <&4 | od -An -tx1
    kill "$TLS_PID" 2>/dev/null' _ "$port" "$secure/ca.pem" 2>/dev/null | tr -d ' \n') || return 1
  [[ $hex == ????????0000002a0000 ]]
}

# What a client needs, in the variables the services read (for `set -a; . <(...)`).
secure_client_env() {
  [[ -s $secure/credentials && -s $secure/ca.pem ]] || die "no secure broker set up in $var yet (start it first)"
  source "$secure/credentials"
  cat <<EOF
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$port
KAFKA_SECURITY_PROTOCOL=SASL_SSL
KAFKA_SASL_MECHANISM=PLAIN
KAFKA_SASL_USERNAME=$client_user
KAFKA_SASL_PASSWORD=$client_password
KAFKA_SSL_CAFILE=$secure/ca.pem
EOF
}

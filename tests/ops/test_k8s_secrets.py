"""Each Kubernetes Deployment and Job gets exactly the secrets its process needs, derived from the code.

What a process needs is worked out from the code rather than from a list kept by hand:

- the parts of its service's `Dependencies` it uses: read from its source (`__main__.py`'s
  `dispatch(...)` entry for its command, or `app.py:create_app` for a web app), following the
  functions `dependencies` is passed to;
- which secret variables each part depends on: `bootstrap.build()` is run with every secret set,
  then with one of them changed; a part whose value changes depends on it. A web app's own
  settings (`JWT_SECRET` for API tokens) and settings objects (its candidate-link key) are compared
  the same way on the app `create_app()` builds;
- what it cannot start without, in production mode: started once without each secret it gets.

A secret is needed if a used part depends on it or the process cannot start without it; a
Deployment must get every needed secret and no other.
"""

from __future__ import annotations

import ast
import base64
import importlib
import inspect
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import is_dataclass
from pathlib import Path

import pytest
import yaml

from recruitment_shared.secrets import PURPOSES, MissingSecret, is_placeholder, jwt_secret, secret_variable, signing_key
from tests.ops.test_deploy_files import K8S, kustomize, of_kind, render  # noqa: F401 (kustomize: a fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base(kustomize) -> list[dict]:  # noqa: F811
    return render(kustomize, K8S / "base")


def _containers(docs: list[dict]) -> dict[str, dict]:
    return {
        f"{doc['kind']}/{doc['metadata']['name']}": doc["spec"]["template"]["spec"]["containers"][0]
        for doc in docs
        if doc["kind"] in ("Deployment", "Job")
    }


def _secret_data(docs: list[dict]) -> dict[str, dict[str, str]]:
    """Each Secret by its name before kustomize's hash suffix, with its decoded values."""
    return {
        name.rsplit("-", 1)[0]: {key: base64.b64decode(value).decode() for key, value in secret["data"].items()}
        for name, secret in of_kind(docs, "Secret").items()
    }


def _mounted(container: dict, data: dict[str, dict[str, str]]) -> set[str]:
    keys = set()
    for source in container.get("envFrom", []):
        if "secretRef" in source:
            keys |= set(data[source["secretRef"]["name"].rsplit("-", 1)[0]])
    for variable in container.get("env", []):
        if "secretKeyRef" in variable.get("valueFrom", {}):
            keys.add(variable["name"])
    return keys


def _process(command: list[str]) -> tuple[str, str] | None:
    """(package, command) of a service process; `web` for its gunicorn app; None for anything else."""
    if command[0] == "gunicorn":
        return command[-1].split(".")[0], "web"
    if command[:2] == ["python", "-m"] and command[2] in ("vacancies", "applications", "notifications"):
        return command[2], command[3]
    return None


# --- Which parts of Dependencies a process uses, read from its source ------------------------------


def _entry(package: str, command: str) -> tuple[ast.AST, ast.Module]:
    module = "app" if command == "web" else "__main__"
    tree = ast.parse(inspect.getsource(importlib.import_module(f"{package}.{module}")))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    if command == "web":
        return functions["create_app"], tree
    for node in ast.walk(functions["main"]):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "dispatch":
            entries = node.args[1]
            return entries.values[[key.value for key in entries.keys].index(command)], tree
    raise AssertionError(f"{package}: no dispatch entry {command!r}")


def _aliases(tree: ast.Module, name: str) -> dict[str, str]:
    """`settings, engine = dependencies.settings, dependencies.engine` → {settings: settings, engine: engine}."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple | ast.Name):
            targets = node.targets[0].elts if isinstance(node.targets[0], ast.Tuple) else node.targets
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            for target, value in zip(targets, values, strict=False):
                if isinstance(value, ast.Attribute) and getattr(value.value, "id", None) == name:
                    found[target.id] = value.attr
    return found


def _fields_used(node: ast.AST, name: str, tree: ast.Module, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    functions = {each.name: each for each in tree.body if isinstance(each, ast.FunctionDef)}
    aliases = _aliases(tree, name)
    used = set()
    for each in ast.walk(node):
        if isinstance(each, ast.Attribute) and getattr(each.value, "id", None) == name:
            used.add(each.attr)
        elif isinstance(each, ast.Name) and each.id in aliases:
            used.add(aliases[each.id])
        elif isinstance(each, ast.Call) and getattr(each.func, "id", None) in functions:
            called = functions[each.func.id]
            for position, argument in enumerate(each.args):
                if getattr(argument, "id", None) == name and called.name not in seen:
                    seen.add(called.name)
                    used |= _fields_used(called, called.args.args[position].arg, tree, seen)
    return used


# --- Starting a process in-process, with a chosen environment ------------------------------------


@contextmanager
def _environment(monkeypatch, values: dict[str, str], every_key: set[str]) -> Iterator[None]:
    with monkeypatch.context() as patch:
        for key in every_key - set(values):
            patch.delenv(key, raising=False)
        for key, value in values.items():
            patch.setenv(key, value)
        yield


def _described(part: object) -> str:
    """A part's configuration as text: its repr, or its attributes' when the repr is only an address."""
    text = repr(part)
    return repr(sorted(vars(part).items())) if " object at 0x" in text else text


def _state(package: str, command: str, fields: set[str]) -> dict[str, str]:
    """What the process starts with: its used parts, and a web app's text settings. Raises if it cannot start."""
    dependencies = importlib.import_module(f"{package}.bootstrap").build()
    state = {field: _described(getattr(dependencies, field)) for field in fields}
    if command == "web":
        app = importlib.import_module(f"{package}.app").create_app()
        state |= {f"config {key}": value for key, value in app.config.items() if isinstance(value, str)}
        # Settings objects an app keeps for its views (the candidate-link key of application-web).
        state |= {f"extension {key}": repr(part) for key, part in app.extensions.items() if is_dataclass(part)}
    return state


def _refusal(monkeypatch, package: str, command: str, fields: set[str], given: dict, every_key: set[str]) -> str:
    """Why the process refuses to start with only `given` (a missing, short or published secret); '' if it starts."""
    with _environment(monkeypatch, given, every_key):
        try:
            _state(package, command, fields)
        except MissingSecret as refused:
            return str(refused)
    return ""


def test_every_deployment_gets_exactly_the_secrets_its_process_needs(base, monkeypatch, tmp_path):
    data = _secret_data(base)
    (config,) = of_kind(base, "ConfigMap").values()
    secret_keys = {key for values in data.values() for key in values} | {"JWT_SECRET"}
    secret_keys |= {secret_variable(purpose) for purpose in PURPOSES}
    every_key = secret_keys | set(config["data"])
    settings = config["data"] | {"RECRUITMENT_VAR": str(tmp_path), "CV_STORAGE_DIR": str(tmp_path / "cvs")}

    def value(key: str, variant: int = 0) -> str:
        return f"sqlite:///{tmp_path}/{variant}.sqlite3" if key == "DATABASE_URL" else secrets.token_hex(32)

    problems = []
    for name, container in _containers(base).items():
        process, mounted = _process(container["command"]), _mounted(container, data)
        if process is None:
            problems += [f"{name} runs no service process but gets {sorted(mounted)}"] if mounted else []
            continue
        node, tree = _entry(*process)
        fields = _fields_used(node, "dependencies", tree)

        def refusal(given: dict, process=process, fields=fields) -> str:
            return _refusal(monkeypatch, *process, fields, given, every_key)

        def state(environment: dict, process=process, fields=fields) -> dict[str, str]:
            with _environment(monkeypatch, environment, every_key):
                return _state(*process, fields)

        everything = settings | {key: value(key) for key in secret_keys}
        baseline = state(everything)
        used = {key for key in secret_keys if state(everything | {key: value(key, 1)}) != baseline}
        given = settings | {key: everything[key] for key in mounted}
        if why := refusal(given):
            problems.append(f"{name} cannot start with the secrets it gets: {why}")
            continue
        required = {key for key in mounted if refusal({k: v for k, v in given.items() if k != key})}
        if mounted != used | required:
            problems.append(
                f"{name} ({' '.join(process)}, uses {sorted(fields)}): gets {sorted(mounted)}, "
                f"needs {sorted(used | required)} (used: {sorted(used)}; cannot start without: {sorted(required)})"
            )
    assert not problems, "\n".join(problems)


def test_the_example_secrets_are_refused_outside_development(base):
    """The base's values are published: an unmodified base must not start, and say why."""
    signing = {"JWT_SECRET"} | {secret_variable(purpose) for purpose in PURPOSES}
    examples = {key: value for values in _secret_data(base).values() for key, value in values.items() if key in signing}
    assert set(examples) >= {"JWT_SECRET"}
    for key, example in examples.items():
        assert is_placeholder(example), key
        with pytest.raises(MissingSecret, match=key):
            if key == "JWT_SECRET":
                jwt_secret({"RECRUITMENT_ENV": "production", key: example})
            else:
                purpose = next(p for p in PURPOSES if secret_variable(p) == key)
                signing_key(purpose, {"RECRUITMENT_ENV": "production", key: example})


def test_compose_starts_every_process_without_any_configuration(monkeypatch, tmp_path):
    """docker-compose.yml is a development stack: `docker compose up` with no JWT_SECRET in the shell
    starts every process, on the development secret, because it says RECRUITMENT_ENV=development."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    signing = {"JWT_SECRET"} | {secret_variable(purpose) for purpose in PURPOSES}
    for name, service in services.items():
        process = _process(service.get("command") or ["-"])
        if process is None:
            continue
        package, command = process
        environment = {key: _unset_shell(str(value)) for key, value in service["environment"].items()}
        assert environment.get("RECRUITMENT_ENV") == "development", f"{name}: a local stack says so explicitly"
        environment |= {"DATABASE_URL": f"sqlite:///{tmp_path}/{name}.sqlite3", "RECRUITMENT_VAR": str(tmp_path)}
        node, tree = _entry(package, command)
        every_key = signing | set(environment)
        fields = _fields_used(node, "dependencies", tree)
        refusal = _refusal(monkeypatch, package, command, fields, environment, every_key)
        assert not refusal, f"{name}: {refusal}"


def _unset_shell(value: str) -> str:
    """A compose value as `docker compose up` makes it when the shell sets none of its variables."""
    return re.sub(r"\$\{\w+:?-([^}]*)\}", r"\1", value)

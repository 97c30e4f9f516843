"""One planted file (or more) per entry of scaffold/catalogue/secrets.toml, with realistic fake content.

The fast tests check the rendered .dockerignore keeps each out and the scan names each; the engine tests
plant them all in an example, build every stage and look for them in every layer. All values are fake.
"""

from __future__ import annotations

from pathlib import Path

PRIVATE_KEY = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBFQUtFRkFLRUZBS0VG\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)
RSA_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
    "-----END RSA PRIVATE KEY-----\n"
)
SERVICE_ACCOUNT = (
    '{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "0123456789abcdef",\n'
    '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n'
    '-----END PRIVATE KEY-----\\n",\n'
    '  "client_email": "deploy@acme-prod.iam.gserviceaccount.com"\n}\n'
)
KUBECONFIG = (
    "apiVersion: v1\nkind: Config\nclusters:\n- cluster: {server: https://10.0.0.1:6443}\n  name: prod\n"
    "users:\n- name: admin\n  user: {token: eyJhbGciOiJSUzI1NiJ9.fake.fake}\n"
)

SAMPLES: dict[str, dict[str, str]] = {
    "env": {
        ".env": "DATABASE_URL=postgres://app:s3cr3t@db:5432/app\nSECRET_KEY=fake-django-secret\n",
        "config/prod.env": "STRIPE_SECRET_KEY=sk_live_FAKEFAKEFAKE\n",
        ".env.production": "API_TOKEN=fake-token\n",
    },
    "envrc": {".envrc": "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"},
    "netrc": {
        ".netrc": "machine github.com login ci-bot password fake-personal-access-token\n",
        "_netrc": "machine example.com login me password hunter2\n",
    },
    "git-credentials": {".git-credentials": "https://ci-bot:fake-token@github.com\n"},
    "npmrc": {
        ".npmrc": "@acme:registry=https://npm.example.com/\n//npm.example.com/:_authToken=fake-npm-token\n",
        "packages/web/.npmrc": "registry=https://ci:hunter2@npm.example.com/\n",
    },
    "yarnrc": {"tools/.yarnrc.yml": "npmRegistryServer: https://npm.example.com\nnpmAuthToken: fake-yarn-token\n"},
    "pypirc": {".pypirc": "[pypi]\nusername = __token__\npassword = pypi-FAKEFAKEFAKE\n"},
    "pip-conf": {"pip.conf": "[global]\nindex-url = https://ci:hunter2@pypi.example.com/simple\n"},
    "credentials-json": {
        "credentials.json": '{"installed": {"client_id": "123.apps.googleusercontent.com", "client_secret": "fake"}}\n',
        "config/credentials-prod.json": '{"password": "fake"}\n',
        "client_secret_123.apps.googleusercontent.com.json": '{"web": {"client_secret": "fake"}}\n',
    },
    "service-account": {"deploy/acme-prod-0123456789ab.json": SERVICE_ACCOUNT},
    "keys": {
        "certs/server.pem": RSA_KEY,
        "certs/server.key": RSA_KEY,
        "certs/client.p12": "0\x82\x05fake-pkcs12\n",
        "certs/client.pfx": "0\x82\x05fake-pfx\n",
        "android/release.jks": "\xfe\xed\xfe\xedfake-jks\n",
        "android/debug.keystore": "\xfe\xed\xfe\xedfake-keystore\n",
        "putty.ppk": "PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nfake\n",
    },
    "ssh-keys": {
        "deploy/id_rsa": RSA_KEY,
        "id_ed25519": PRIVATE_KEY,
        "keys/id_ecdsa": PRIVATE_KEY,
        "keys/id_dsa": PRIVATE_KEY,
    },
    "ssh": {".ssh/deploy_key": PRIVATE_KEY},
    "aws": {".aws/credentials": "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = fake\n"},
    "gcloud": {
        ".config/gcloud/application_default_credentials.json": '{"refresh_token": "fake", "type": "authorized_user"}\n'
    },
    "docker-config": {".docker/config.json": '{"auths": {"registry.example.com": {"auth": "Y2k6aHVudGVyMg=="}}}\n'},
    "kube-config": {".kube/config": KUBECONFIG, "kubeconfig": KUBECONFIG, "deploy/prod.kubeconfig": KUBECONFIG},
    "compose-secrets": {".secrets/postgres_password": "0f3a9c2e7b1d4a6f8e0c5b7a9d2f4e61", "svc/.secrets/api": "fake\n"},
    "streamlit": {".streamlit/secrets.toml": 'db_password = "fake"\n'},
    "secrets-files": {
        "secrets.yaml": "db_password: fake\n",
        "secrets.yml": "api_key: fake\n",
        "config/secrets.json": '{"api_key": "fake"}\n',
        "secrets.toml": 'token = "fake"\n',
        "secrets.ini": "[db]\npassword = fake\n",
        "secrets.env": "TOKEN=fake\n",
        "secrets.txt": "fake\n",
    },
    "terraform": {
        "infra/terraform.tfstate": '{"version": 4, "resources": [{"instances": [{"attributes": {"password": "x"}}]}]}',
        "infra/terraform.tfstate.backup": '{"version": 4}\n',
        "infra/.terraform/terraform.tfstate": '{"version": 3, "backend": {"config": {"access_key": "x"}}}\n',
    },
}
"""Catalogue entry id → planted path → content."""

TOKENED_YARNRC = (
    "npmScopes:\n  acme:\n    npmRegistryServer: https://npm.example.com\n    npmAuthToken: fake-yarn-token\n"
)
"""Settings appended to a yarn 4 project's own .yarnrc.yml: a scoped registry with a token."""

HARMLESS: dict[str, str] = {
    ".env.example": "DATABASE_URL=\nSECRET_KEY=\n",
    "deploy/id_rsa.pub": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ fake@example\n",
    "web/.npmrc": "registry=https://registry.npmjs.org/\n",
    "settings/secrets.py": "import os\nTOKEN = os.environ.get('TOKEN', '')\n",
}
"""Files a glob or name in the catalogue comes close to but that are no secret: they stay in the context."""


def planted() -> dict[str, str]:
    """Every sample path → content."""
    return {path: text for files in SAMPLES.values() for path, text in files.items()}


def plant(project: Path, harmless: bool = True) -> dict[str, str]:
    """Write every sample (and the harmless neighbours) into `project`; return the secret ones."""
    files = planted()
    for rel, text in {**files, **(HARMLESS if harmless else {})}.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("latin-1"))
    return files

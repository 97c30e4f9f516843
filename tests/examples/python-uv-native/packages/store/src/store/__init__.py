import psycopg2
import psycopg2.extensions


def describe() -> str:
    version = psycopg2.__version__.split()[0]
    return f"Hello from a uv workspace: psycopg2 {version} on libpq {psycopg2.extensions.libpq_version()}"

"""pdmapp: a tiny Starlette service."""

"""Backing services for compose.yaml: which ones an app uses, and the environment variables it reads."""

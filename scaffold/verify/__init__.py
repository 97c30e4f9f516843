"""`scaffold verify`: prove that a project's Docker setup builds, runs, stops, and ships nothing it should not.

lint → build → (rebuild) → test → run → stop → image checks (user, secrets, dev dependencies, tooling,
setuid, wasted bytes) → size. Each check is a small function returning a `Row`; `runner.verify` runs
them in order and `report_json` turns the rows into the versioned JSON report.
"""

{# The dependency install of a project whose lockfile is out of sync with package.json: `command` is set by the includer. #}
# {{ c.lockfile }} is out of sync with package.json and a frozen install would fail: this install
# starts from a copy of the lock and resolves what changed. Commit an updated {{ c.lockfile }} to freeze it again.
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ c.install_prefix }}{{ command }}

{# The deps stage's install where the lockfile is out of sync with package.json (lock_drift). #}
# {{ c.lockfile }} is out of sync with package.json and a frozen install would fail: this install
# starts from a copy of the lock and resolves what changed. Commit an updated {{ c.lockfile }} to freeze it again.
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ c.install_prefix }}{{ c.prod_install_command }} && mkdir -p node_modules{{ " \\\n    && find node_modules -path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune -exec rm -rf {} + \\\n    && find node_modules -type d -name deps -exec sh -c 'ls ${0%/deps}/build/Release/*.node >/dev/null 2>&1' {} \\; -prune -exec rm -rf {} +" if c.native else "" }}

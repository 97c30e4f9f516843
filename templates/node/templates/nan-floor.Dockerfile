{# After an install without scripts (nan_floor): every copy of nan the lock pins becomes a nan this Node's V8 compiles, then the install scripts run. #}
# The lock pins a nan too old for Node {{ c.node_version }}'s V8, so the addons built on it would not compile:
# every copy becomes nan {{ c.nan_floor }}, then the install scripts the install skipped run.
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    npm pack --silent --pack-destination /tmp nan@{{ c.nan_floor }} \
    && find node_modules -type d -path '*node_modules/nan' -prune \
        -exec sh -c 'rm -rf "$0" && mkdir "$0" && tar -xzf "$1" -C "$0" --strip-components 1' {} /tmp/nan-{{ c.nan_floor }}.tgz \; \
    && {{ c.nan_rebuild }}{{ " \\\n    && find node_modules -path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune -exec rm -rf {} +" if c.native else "" }}

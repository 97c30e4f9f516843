{# After the install (swap_packages: FOLDER=NAME@VERSION ...): each NAME@VERSION, with its own dependencies, in every node_modules/FOLDER; then (swap-packages=rebuild) the install scripts the install skipped (swap_rebuild). #}
{% set rebuild = part.endswith('=rebuild') %}# Locked packages that would not build here on Node {{ c.node_version }} are replaced in the image, not in the
# project (scaffold init says which and why){{ ", then the install scripts the install skipped run" if rebuild else "" }}.
RUN {{ c.install_mounts.split() | join(' \\\n    ') }}{% for swap in c.swap_packages.split() %}{% set folder, spec = swap.split('=') %}{% set name = spec.rpartition('@')[0] %} \
    {{ "&& " if not loop.first else "" }}npm install --prefix /tmp/swap/{{ folder }} --no-save --no-package-lock --ignore-scripts --no-audit --no-fund {{ spec }} \
    && find node_modules -type d -path '*node_modules/{{ folder }}' -prune -exec sh -c \
        'rm -rf "$0" && cp -r "$1/{{ name }}" "$0" && cp -r "$1" "$0/node_modules" && rm -rf "$0/node_modules/{{ name }}"' \
        {} /tmp/swap/{{ folder }}/node_modules \;{% endfor %}{{ " \\\n    && " ~ c.swap_rebuild if rebuild else "" }}{{ " \\\n    && find node_modules -path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune -exec rm -rf {} + \\\n    && find node_modules -type d -name deps -exec sh -c 'ls ${0%/deps}/build/Release/*.node >/dev/null 2>&1' {} \\; -prune -exec rm -rf {} +" if c.native else "" }}

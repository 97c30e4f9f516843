{# The deps stage's install (production dependencies) where the lockfile matches package.json, or there is none. #}
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ c.prod_install_command }} && mkdir -p node_modules{{ " \\\n    && find node_modules -path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune -exec rm -rf {} + \\\n    && find node_modules -type d -name deps -exec sh -c 'ls ${0%/deps}/build/Release/*.node >/dev/null 2>&1' {} \\; -prune -exec rm -rf {} +" if c.native else "" }}

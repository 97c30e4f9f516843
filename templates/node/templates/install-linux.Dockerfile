{# The build stage's install where an npm package-lock.json lacks the Linux builds of native packages (linux_packages_*). #}
# {{ c.lockfile }} has no Linux builds of some native packages (npm writes it so on macOS or Windows over an
# existing node_modules, npm/cli#4828): after the frozen install, this platform's, at the versions it asks for.
ARG TARGETARCH
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ c.install_command }} \
    && case "$TARGETARCH" in \
        amd64) {{ 'npm install --no-save --no-audit --no-fund ' ~ c.linux_packages_amd64 if c.linux_packages_amd64 else 'true' }} ;; \
        arm64) {{ 'npm install --no-save --no-audit --no-fund ' ~ c.linux_packages_arm64 if c.linux_packages_arm64 else 'true' }} ;; \
    esac{{ " \\\n    && find node_modules -path '*/build/Release/*' \\( -name obj -o -name obj.target -o -name .deps \\) -prune -exec rm -rf {} + \\\n    && find node_modules -type d -name deps -exec sh -c 'ls ${0%/deps}/build/Release/*.node >/dev/null 2>&1' {} \\; -prune -exec rm -rf {} +" if c.native and not c.deps_stage else "" }}

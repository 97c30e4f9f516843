{# The dependency install of an npm project whose package-lock.json lacks the Linux builds of native packages: `command`, `extra` and the `amd64`/`arm64` packages are set by the includer. #}
# {{ c.lockfile }} has no Linux builds of some native packages (npm writes it so on macOS or Windows over an
# existing node_modules, npm/cli#4828): after the frozen install, this platform's, at the versions it asks for.
ARG TARGETARCH
RUN {{ c.install_mounts.split() | join(' \\\n    ') }} \
    {{ command }} \
    && case "$TARGETARCH" in \
        amd64) {{ 'npm install --no-save --no-audit --no-fund ' ~ extra ~ amd64 if amd64 else 'true' }} ;; \
        arm64) {{ 'npm install --no-save --no-audit --no-fund ' ~ extra ~ arm64 if arm64 else 'true' }} ;; \
    esac

{# The deps stage of every Node project that ships production dependencies (all but static sites). #}

# Production dependencies only, from the manifest and lockfile alone: this layer is rebuilt only when they
# change, and it is the node_modules the final image ships (no devDependencies, no package cache).
FROM base AS deps
{% with command=c.prod_install_command ~ ' && mkdir -p node_modules', extra='--omit=dev ', amd64=c.linux_prod_packages_amd64, arm64=c.linux_prod_packages_arm64 %}{% include c.deps_install_part ~ '.Dockerfile' %}{% endwith %}

{# The deps stage of every Node project that ships production dependencies (all but static sites). #}

# Production dependencies only, from the manifest and lockfile alone: this layer is rebuilt only when they
# change, and it is the node_modules the final image ships (no devDependencies, no package cache).{{ "
# Native addons keep their compiled .node files; node-gyp's object files and dependency lists (build/Release/obj*,
# .deps: megabytes for sqlite3) are only the compiler's leftovers, and a built addon's deps/ only the C sources it
# was compiled from (sqlite3's 3 MB SQLite tarball), so they are removed." if c.native else "" }}
FROM base AS deps
{% include c.deps_install_part ~ '.Dockerfile' %}{% for part in c.deps_parts.split() %}{% include part.partition('=')[0] ~ '.Dockerfile' %}{% endfor %}

{# Base setup of a project with native addons (binding.gyp, or a dependency the catalogue says compiles). #}
# Native addons compile against this image's own Node headers instead of downloading them.
ENV npm_config_nodedir=/usr/local

{# Base setup of a project that pins its package manager's version (packageManager, engines). #}
# The package manager version the project pins, from the npm registry: no corepack (which fetches yarn from
# yarn's own site and leaves Node in v25), and only this stage has it.
RUN --mount=type=cache,target=/root/.npm \
    npm install -g {{ '--force ' if c.package_manager == 'yarn-berry' else '' }}{{ c.pm_spec }}

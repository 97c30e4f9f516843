{# Projects built with a tool's own build target rather than a package.json script (Nx). #}
# {{ c.framework_name }} builds the app with its own build target (project.json), not a package.json script.
RUN {{ c.yarnrc_mount }}{{ c.build_command }}

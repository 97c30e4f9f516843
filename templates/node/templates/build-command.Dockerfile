{# Projects built with a tool's own build target rather than a package.json script (Nx), after its note. #}
RUN {{ c.yarnrc_mount }}{{ c.build_command }}

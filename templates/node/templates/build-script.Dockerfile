{# Projects built with their package.json "build" script. #}
RUN {{ c.yarnrc_mount }}{{ c.run_command }} build

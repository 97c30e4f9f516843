{# Projects without a "build" script that build in another one, after its note. #}
RUN {{ c.yarnrc_mount }}{{ c.run_command }} {{ c.build_script }}

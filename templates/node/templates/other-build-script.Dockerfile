{# Projects without a "build" script that build in another one (a prepare or postinstall script, …). #}
# The project builds in its {{ c.build_script }} script (it has no "build" script): run it now the sources are here.
RUN {{ c.yarnrc_mount }}{{ c.run_command }} {{ c.build_script }}

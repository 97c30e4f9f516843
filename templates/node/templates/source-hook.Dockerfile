{# A root install hook that installs the project's own folders (postinstall: npm install --prefix server). #}
# The install above skipped the project's install hook, which installs its own folders (their package.json files
# came with the sources): it runs now that they are here.
RUN {{ c.yarnrc_mount }}{{ c.run_command }} {{ c.source_hook }}

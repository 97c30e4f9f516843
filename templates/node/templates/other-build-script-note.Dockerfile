{# Projects without a "build" script that build in another one (a prepare or postinstall script, …). #}
# The project builds in its {{ c.build_script }} script{{ ' (the Storybook, the site)' if c.framework_name == 'Storybook' else ' (it has no "build" script)' }}: run it now the sources are here.

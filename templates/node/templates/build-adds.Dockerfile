{# Frameworks whose Node server adapter is added for the build only (SvelteKit's adapter-node, …). #}
# {{ c.framework_name }}'s adapter is chosen from the build's environment: this one picks the Node server adapter,
# added for the build only (not saved to package.json; the final image gets the build output, not the adapter).
ENV {{ c.build_env }}
RUN {{ c.yarnrc_mount }}{{ c.cache_mount }} \
    {{ c.add_command }} {{ c.build_adds }}

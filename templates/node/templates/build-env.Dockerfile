{# Build settings a framework reads from the environment (Astro, SvelteKit, …), when no adapter is added. #}
# Settings {{ c.framework_name or "the build" }} reads from the build's environment (the notes of scaffold init say why).
ENV {{ c.build_env }}

{# Projects whose framework reads build settings from the environment (catalogue build_env: Nx, …), with no adapter added. #}
# Settings {{ c.framework_name or "the build" }} reads from the build's environment (the notes of scaffold init say why).
ENV {{ c.build_env }}

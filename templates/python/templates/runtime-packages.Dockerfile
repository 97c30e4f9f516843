{# Apps on python slim whose native packages load shared libraries at run time (runtime_packages). #}
# Shared libraries and programs the app uses at run time (their -dev packages stayed in the build stage).
RUN apt-get update \
    && apt-get install -y --no-install-recommends {{ c.runtime_packages.split() | join(' ') }} \
    && rm -rf /var/lib/apt/lists/*

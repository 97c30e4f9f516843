{# Base setup of a yarn 2+ (berry) project. #}
# yarn's global folder (and so its package cache) lives in the cache mount below, never in a layer.
ENV YARN_ENABLE_GLOBAL_CACHE=true YARN_GLOBAL_FOLDER=/root/.cache/yarn/berry

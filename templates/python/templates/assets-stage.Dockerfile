{# Python web apps whose package.json builds their front-end assets (assets_build): a Node stage builds them. #}
# Assets stage: {{ c.assets_dir ~ '/' if c.assets_dir else '' }}package.json's `{{ c.assets_build }}` builds the front-end assets (CSS, JS bundles, their manifest),
# which the project does not hold (git-ignored): built here, and the Python build stage copies the sources from
# this stage, built files included. Dependencies first, from the manifests alone, so that layer is reused.
FROM --platform=$BUILDPLATFORM {{ c.assets_image }} AS assets
WORKDIR /app{{ '/' ~ c.assets_dir if c.assets_dir else '' }}
COPY {{ c.assets_manifests }} ./
RUN --mount=type=cache,target=/root/.npm \
    {{ c.assets_install }}
COPY . {{ '/app/' if c.assets_dir else '.' }}
RUN {{ c.assets_build }} \
    && rm -rf node_modules

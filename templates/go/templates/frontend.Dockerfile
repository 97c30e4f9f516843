{# Go projects that embed a frontend build (frontend_dist) which their package.json's build script makes. #}
# Frontend stage: {{ c.frontend_dist }}, which //go:embed reads, is not in the project: the build script of
# {{ c.frontend_dir }}/package.json makes it, here, and the Go build mounts the output. Dependencies first,
# from the manifests alone, so that layer is reused until they change.
FROM --platform=$BUILDPLATFORM {{ c.frontend_image }} AS frontend
WORKDIR {{ c.frontend_workdir }}
COPY {{ c.frontend_manifests }} ./
RUN --mount=type=cache,target=/root/.npm \
    {{ c.frontend_install }}
COPY {{ c.frontend_dir }}/ ./
RUN {{ c.frontend_build }}


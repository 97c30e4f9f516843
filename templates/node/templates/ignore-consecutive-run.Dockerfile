{# Builds that follow another RUN of the build stage (Prisma's generate): two steps, each its own cache layer. #}
# hadolint ignore=DL3059

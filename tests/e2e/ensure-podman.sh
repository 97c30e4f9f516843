#!/usr/bin/env bash
# Install podman when it is missing (Debian, as root) and load the base images a Dockerfile's FROM lines name
# from the Docker engine into podman's storage (the stand-ins exist only there: no registry is reachable).
#   ensure-podman.sh IMAGE...        idempotent; exit 3 when podman cannot be installed here
set -euo pipefail
docker="${SCAFFOLD_DOCKER:-/usr/bin/docker}"
if ! command -v podman >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-podman: podman is not installed and cannot be installed here (needs root and apt-get)" >&2
        exit 3
    fi
    echo "ensure-podman: apt-get install podman" >&2
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman; } >/dev/null 2>&1; then
        echo "ensure-podman: apt-get install podman failed" >&2
        exit 3
    fi
fi
for image in "$@"; do
    # podman stores an unqualified docker-archive name under localhost/; a FROM line's short name finds it there.
    if podman image exists "$image" || podman image exists "localhost/$image"; then
        continue
    fi
    echo "ensure-podman: $docker save $image | podman load" >&2
    "$docker" save "$image" | podman load -q >/dev/null
done

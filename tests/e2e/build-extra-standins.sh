#!/usr/bin/env bash
# Build the base images our examples need beyond ../shared/docker/build-standins.sh (which has no
# public registry to pull from). Each tests/e2e/standins/*.Dockerfile names the upstream tags it stands
# in for on lines `# tag: <image:tag>`; it is built from Debian or registry packages only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
docker="${SCAFFOLD_DOCKER:-/usr/bin/docker}"
shopt -s nullglob
for file in "$here"/standins/*.Dockerfile; do
    mapfile -t tags < <(sed -n 's/^# tag: *//p' "$file")
    if [ "${#tags[@]}" -eq 0 ]; then
        echo "build-extra-standins: $file has no '# tag:' line" >&2
        exit 1
    fi
    args=()
    for t in "${tags[@]}"; do args+=(-t "$t"); done
    echo "build-extra-standins: ${tags[*]}"
    DOCKER_BUILDKIT=1 "$docker" build --network host -q "${args[@]}" -f "$file" "$here/standins" >/dev/null
done

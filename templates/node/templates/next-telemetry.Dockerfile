{# Base setup of a Next.js project. #}
# Next.js would otherwise send anonymous build telemetry from the build.
ENV NEXT_TELEMETRY_DISABLED=1

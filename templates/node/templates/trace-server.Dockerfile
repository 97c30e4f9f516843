{# Servers whose entry loads few of their production dependencies (Astro's standalone server, catalogue [trace]). #}
# The node_modules files {{ c.trace_entry }} loads, traced by Vercel's node-file-trace (as Next.js traces its
# standalone server): the final image ships those, not every production dependency with its build tooling.
RUN --mount=type=cache,target=/root/.npm \
    npx --yes {{ c.trace_tool }} print {{ c.trace_entry }} > /tmp/nft.txt \
    && sed -n '/^FILELIST:$/,/^$/{/^node_modules\//p}' /tmp/nft.txt > /tmp/traced.txt \
    && mkdir -p /traced/node_modules && tar -cf /tmp/traced.tar -T /tmp/traced.txt && tar -xf /tmp/traced.tar -C /traced

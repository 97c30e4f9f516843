{# A start or dev command passing --experimental-specifier-resolution, which Node 19 removed: its replacement. #}
# The resolution `--experimental-specifier-resolution=node` gave (Node 19 removed the flag), as a resolve hook the
# start command preloads with --import: a relative or package-subpath import node cannot find is tried again with
# .js or .mjs added and as a folder's index file.
RUN mkdir -p /usr/local/lib/node-resolve \
    && printf '%s\n' \
    "import { register } from 'module';" \
    "register('./hooks.mjs', import.meta.url);" > /usr/local/lib/node-resolve/register.mjs \
    && printf '%s\n' \
    "const retries = ['.js', '.mjs', '/index.js', '/index.mjs'];" \
    "const missing = ['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT'];" \
    "export async function resolve(specifier, context, next) {" \
    "  try {" \
    "    return await next(specifier, context);" \
    "  } catch (error) {" \
    "    if (!missing.includes(error.code)) throw error;" \
    "    for (const suffix of retries) {" \
    "      try {" \
    "        return await next(specifier + suffix, context);" \
    "      } catch {}" \
    "    }" \
    "    throw error;" \
    "  }" \
    "}" > /usr/local/lib/node-resolve/hooks.mjs

{# Base setup of a yarn (berry) project in Plug'n'Play mode. #}
# Install into node_modules so that plain `node` runs the app without yarn's Plug'n'Play loader.
ENV YARN_NODE_LINKER=node-modules

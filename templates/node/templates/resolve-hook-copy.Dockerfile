{# The resolve hook the base stage wrote (resolve-hook), which the start command preloads. #}
COPY --from=base /usr/local/lib/node-resolve /usr/local/lib/node-resolve

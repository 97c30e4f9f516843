{# Projects with a source repository URL (source_url): the LABEL's source line. #}
      org.opencontainers.image.source="{{ c.source_url }}" \

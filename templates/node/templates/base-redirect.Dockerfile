{# A site built for a sub-path (site_base) is served under it; / redirects there with a relative Location. #}
    '    absolute_redirect off;' \
    '    location = / { return 302 /{{ c.site_base }}/; }' \

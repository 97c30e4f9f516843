{# Multi-page static sites (spa_fallback off): a path is a file or a page's .html, else the site's 404.html. #}
    "    location / { try_files \$uri \$uri/ \$uri.html =404; }" \
    '    error_page 404 {{ c.site_base and '/' ~ c.site_base }}/404.html;' \

{# Single-page apps (spa_fallback): every unknown path answers index.html, where the app routes it. #}
    "    location / { try_files \$uri \$uri/ {{ c.site_base and '/' ~ c.site_base }}/index.html; }" \

{# Single-page apps (spa_fallback): every unknown path answers index.html, where the app routes it. #}
    "    location / { try_files \$uri \$uri/ {{ base }}/index.html; }" \

# The webfont comes from the npm registry at build time (pinned in assets/package-lock.json), never from a CDN
# at run time: readers may be offline or censored.
FROM node:20-slim AS web-assets
WORKDIR /assets
COPY assets/package.json assets/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && mkdir -p /vendor/vazirmatn \
 && cp "node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2" /vendor/vazirmatn/Vazirmatn-Variable.woff2 \
 && cp node_modules/vazirmatn/OFL.txt /vendor/vazirmatn/OFL.txt

FROM python:3.12-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY search ./search
COPY web ./web
COPY --from=web-assets /vendor ./web/static/vendor
COPY mappings ./mappings
COPY data ./data
RUN pip install --no-cache-dir .
# waitress serves the app; the indexer service runs `python -m search index` from the same image
EXPOSE 8000
CMD ["python", "-m", "search", "serve", "--host", "0.0.0.0", "--port", "8000"]

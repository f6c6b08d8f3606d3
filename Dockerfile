FROM python:3.12-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY search ./search
COPY web ./web
COPY mappings ./mappings
COPY data ./data
RUN pip install --no-cache-dir .
# waitress serves the app; the indexer service runs `python -m search index` from the same image
EXPOSE 8000
CMD ["python", "-m", "search", "serve", "--host", "0.0.0.0", "--port", "8000"]

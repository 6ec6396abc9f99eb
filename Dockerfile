# Samla in a container: `docker build -t samla .`, then see compose.yaml and docs/deploy.md.

# Build: native modules (better-sqlite3) and the pages, with the tools only building needs.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf .next/cache

# Run: the built pages, the server's TypeScript (run by tsx, as `npm start` does) and production modules.
FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# Not root: the image's node user owns only the data directory.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME /data
EXPOSE 3000
# /readyz: 200 once storage answers (and, on PostgreSQL, the database is migrated and claimed).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM closes every client with 1012 (they reconnect) and stores every board within 8 s: keep
# the default 10 s stop grace period or longer.
CMD ["node", "--import", "tsx", "server/main.ts"]

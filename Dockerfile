# syntax=docker/dockerfile:1
#
# One image for both processes of the service:
#   worker: node dist/worker.js   (bundles workflows from dist/workflows at start)
#   api:    node dist/server.js
# docker-compose.yml picks the process with `command`.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, compile TypeScript, then drop dev dependencies
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false

COPY package.json package-lock.json ./
RUN npm ci

# .dockerignore keeps node_modules, dist, .tools, .data, .git and coverage out.
COPY . .
RUN npx tsc -p tsconfig.build.json \
 && test -f dist/worker.js \
 && test -f dist/server.js \
 && test -f dist/workflows/index.js \
 && rm -f dist/.tsbuildinfo \
 && npm prune --omit=dev

# ---- runtime: compiled code, production dependencies, non-root
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# Code and dependencies stay root-owned: the process cannot rewrite them.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The one writable place: where the API appends its audit trail (the named
# volume in docker-compose.yml takes this directory's ownership on first use).
# Configuration files are mounted at /app/config; payload keys arrive as a
# secret in /run/secrets.
RUN mkdir -p /var/lib/victim-cases/audit /var/lib/victim-cases/mail-ledger /app/config \
 && chown -R node:node /var/lib/victim-cases

USER node

EXPOSE 3000
CMD ["node", "dist/server.js"]

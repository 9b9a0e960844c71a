# syntax=docker/dockerfile:1
#
# One image for both processes of the service:
#   worker: node dist/worker.js   (runs the workflow bundle made here, dist/workflow-bundle.js)
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

# The service only: what tsconfig.build.json compiles, and the bundle script. The tools
# (tools/: npm start, the bench, the reliability runs) and the tests stay out of the image.
COPY tsconfig.json tsconfig.build.json worker.ts server.ts ./
COPY src ./src
COPY activities ./activities
COPY workflows ./workflows
COPY scripts/bundle-workflows.mjs ./scripts/
RUN npx tsc -p tsconfig.build.json \
 && node scripts/bundle-workflows.mjs \
 && test -f dist/worker.js \
 && test -f dist/server.js \
 && test -f dist/workflows/index.js \
 && test -f dist/workflow-bundle.js \
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

# The one writable place: the audit trail, the sent-mail ledger and the case
# keys' key-encryption keys (each named volume in docker-compose.yml takes its
# directory's ownership and mode on first use). Configuration files are mounted
# at /app/config; payload keys arrive as a secret in /run/secrets.
RUN mkdir -p /var/lib/victim-cases/audit /var/lib/victim-cases/mail-ledger /var/lib/victim-cases/case-keys /app/config \
 && chown -R node:node /var/lib/victim-cases \
 && chmod 700 /var/lib/victim-cases/case-keys

USER node

EXPOSE 3000
CMD ["node", "dist/server.js"]

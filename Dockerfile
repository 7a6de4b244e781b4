# syntax=docker/dockerfile:1
# stripe-netsuite: one `sync` per container start (for a cron-style orchestrator: Kubernetes CronJob, ECS scheduled
# task, cron + `docker run`), the SQLite ledger on the /data volume. `schedule` is the long-running alternative.
#
#   docker build -t stripe-netsuite .
#   docker run --rm --env-file /etc/stripe-netsuite/secrets.env \
#     -v stripe-netsuite-ledger:/data \
#     -v /etc/stripe-netsuite/stripe-netsuite.json:/config/stripe-netsuite.json:ro \
#     stripe-netsuite                       # = sync; or: stripe-netsuite schedule, preflight --from 2026-01-01, status
#
# Nothing secret and no configuration of yours is in the image: secrets come from the environment, the mappings
# from the file mounted at /config/stripe-netsuite.json (or --config). See docs/deploy.md.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: TypeScript → dist/ ----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
# The build needs only the compiler and type packages, not a compiled better-sqlite3: --ignore-scripts skips its
# native build (the runtime stage makes its own) and `prepare`, which would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json schema.sql ./
COPY src ./src
RUN npm run build

# ---- runtime ------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# A dedicated unprivileged user with a fixed numeric id: Kubernetes' runAsNonRoot can verify a number, not a name.
RUN groupadd --system --gid 10001 stripe-netsuite \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin stripe-netsuite \
 && mkdir -p /data /config \
 && chown 10001:10001 /data \
 && chmod 0700 /data

# What the package needs at run time, laid out as in the repository (dist/src/cli/main.js reads ../../../package.json,
# the ledger ../../../schema.sql). config/ is the shipped example (the built-in sandbox's ids), never used by default.
COPY package.json package-lock.json schema.sql ./
COPY config ./config
COPY --from=build /build/dist/src ./dist/src

# Production dependencies only. better-sqlite3 takes a prebuilt binary when one can be downloaded and otherwise
# compiles (python3, make, g++, against the image's own Node headers: npm_config_nodedir); the toolchain is removed
# in the same layer. `prepare` must not need TypeScript here: dist/ is already built (see docs/deploy.md).
# tini is PID 1: it forwards SIGTERM to node (a run then finishes the operation in flight) and reaps children.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ tini \
 && npm_config_nodedir=/usr/local npm ci --omit=dev --no-audit --no-fund \
 && apt-get purge -y --auto-remove python3 make g++ \
 && npm cache clean --force \
 && rm -rf /var/lib/apt/lists/* /root/.npm /root/.cache /tmp/* \
 && node -e "require('better-sqlite3')(':memory:').close()"

# The ledger lives on a volume: one per Stripe account ↔ NetSuite subsidiary, on a local disk (never NFS/SMB).
ENV LEDGER_PATH=/data/ledger.sqlite \
    STRIPE_NETSUITE_CONFIG=/config/stripe-netsuite.json
VOLUME ["/data"]

USER 10001:10001

# No HEALTHCHECK: a `sync` container exits when its run is done (its exit code is the health: 0 ok, 1 partial,
# 2 configuration, 3 run failed, 4 ledger locked), and a `schedule` process that is alive says nothing about its runs;
# watch the exit codes or the JSON run summaries (--log-format json) instead.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/dist/src/cli/main.js"]
CMD ["--log-format", "json", "sync"]

# syntax=docker/dockerfile:1
#
# One image for every app of the monorepo. The app it runs is chosen by APP (a build arg that
# becomes an env var, so it can also be changed at run time):
#   docker build --build-arg APP=people -t pce-people .
#   docker run -e APP=companies ... pce-people        # same image, another app
# docker-compose.yml builds it once per app with the matching APP.

# Node 24 LTS in production (Node 20 reached end of life in April 2026). The code and the test suite
# also run on Node 20.19+ (package.json engines); `npm run test:node24` runs the tests on Node 24.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: all dependencies, compile TypeScript to dist/, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    SCARF_ANALYTICS=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
COPY scripts ./scripts
RUN npm run build \
 && npm prune --omit=dev \
 && npm cache clean --force

# ---- runtime: production node_modules + dist only, as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
ARG APP=gateway
# The same heap limits as libs/devstack's APP_OLD_SPACE_MB and APP_SEMI_SPACE_MB: RSS stays under
# 200 MB under load. Without the semi-space cap, Node 24's heap limit would be 352 MB, not 208 MB.
ENV NODE_ENV=production \
    APP=${APP} \
    NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=16"
WORKDIR /app
# package.json is needed at run time: its "imports" map #contracts, #messaging, ... to dist/.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# gateway 3000, people 3101, companies 3102, employment 3103 (each app's default PORT)
EXPOSE 3000 3101 3102 3103
# GET /health of the app on its PORT (or the app's default port) with Node's own fetch: no curl needed.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
  CMD ["node", "-e", "const d={gateway:3000,people:3101,companies:3102,employment:3103};const p=process.env.PORT||d[process.env.APP];fetch('http://127.0.0.1:'+p+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `exec` replaces the shell, so node itself gets SIGTERM on `docker stop` (Nest's shutdown hooks).
# The tracing entry loads first (OpenTelemetry must patch pg and http before they are required); it
# starts nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/operations.md).
CMD ["sh", "-c", "exec node --import ./dist/libs/observability/src/tracing/register.js \"dist/apps/${APP}/src/main.js\""]

# One image for the worker (default command) and the DataFramer simulator:
#   docker build -t dataframer-temporal .
#   docker run --rm -e DATAFRAMER_API_KEY=... -e TEMPORAL_ADDRESS=host:7233 dataframer-temporal
#   docker run --rm -p 8787:8787 dataframer-temporal node dist/simulator/cli.js --host 0.0.0.0
# docker-compose.yml runs both beside a Temporal dev server.
ARG NODE_IMAGE=node:20-slim

# Build: every dependency, compile to dist/, then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run: compiled JavaScript and production dependencies only, as the image's unprivileged `node` user.
# The worker bundles the workflows in memory at start, so nothing here needs to be writable.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# SIGTERM from `docker stop` reaches node directly (exec form): the worker drains its activities.
CMD ["node", "dist/worker.js"]

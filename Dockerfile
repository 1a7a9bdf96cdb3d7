# The API and the console it serves, for a deployment. The image only wraps the commands the README,
# the tests and CI run: `npm ci`, `npm run build`, `npm run db:migrate`, and the built API started by
# tools/start/serve.mjs with the node flags and environment shipped beside it (node-flags.json).
# docs/deployment.md shows it in docker-compose.yml and behind a load balancer.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NX_DAEMON=false
COPY . .
RUN npm ci && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# node_modules keeps the build's dev tools: `npm run db:migrate` runs the TypeScript migrator with swc.
COPY --from=build --chown=node:node /app /app
ENV NODE_ENV=production \
    PORT=3000 \
    EXPORT_STORAGE_DIR=/data/exports
RUN mkdir -p /data/exports && chown node:node /data/exports
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "tools/start/serve.mjs"]

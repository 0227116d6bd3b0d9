# shebao serve as a container: the page and the HTTP API on port 8080 (docs/serve.md).
#
#   docker build -t shebao-server .
#   docker run --rm -p 8080:8080 shebao-server
#
# It answers requests for this machine's addresses and localhost (any port, so -p 9000:8080 works);
# behind a proxy or a Service reached by name, name it, or the answer is 403 host-not-allowed:
#   docker run --rm -p 8080:8080 shebao-server node bin/shebao.js serve --host 0.0.0.0 --allow-remote --allow-host shebao.example.org
#
# The image holds what `npm pack` ships (the built CLI, models, rules, schemas, the page) and the
# production dependencies locked by package-lock.json; no sources, tests or build tools.

FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `npm pack` builds first (prepack: npm run build) and packs exactly the package's "files".
RUN npm pack --silent && mkdir /package && tar -xzf shebao-*.tgz -C /package --strip-components=1 && cp package-lock.json /package/

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /package ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
EXPOSE 8080
# Bound beyond the container's loopback on purpose: the port is published by `docker run -p`.
# --concurrency defaults to the CPUs the container may use; each face-checking thread needs about
# 250–380 MB, so give a small container `--concurrency 1` and run more copies instead.
CMD ["node", "bin/shebao.js", "serve", "--host", "0.0.0.0", "--allow-remote"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

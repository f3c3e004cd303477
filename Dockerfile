# Multi-stage build: compile TypeScript with dev dependencies, then run with production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY test ./test
COPY bench ./bench
RUN npm ci && npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DT_HOST=0.0.0.0 \
    DT_DATA=/var/lib/digital-thread
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY bin ./bin
COPY config ./config
COPY shapes ./shapes
COPY vocab ./vocab
COPY fixtures ./fixtures
COPY public ./public
RUN mkdir -p /var/lib/digital-thread && chown node:node /var/lib/digital-thread
USER node
VOLUME /var/lib/digital-thread
EXPOSE 8080
# Behind a proxy, set DT_BASE_URL to the public URL (for example https://oslc.example.com/).
# Listening on 0.0.0.0 needs authentication (DT_OIDC_ISSUER or DT_BASIC_AUTH_FILE), or
# DT_ALLOW_UNAUTHENTICATED=true for a trial published on the host's loopback address only.
CMD ["node", "bin/digital-thread.js", "serve"]

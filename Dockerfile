# syntax=docker/dockerfile:1
#
# The static app behind an unprivileged nginx, with the same nginx.conf the browser tests run.
#   docker build --build-arg VERSION=1.2.3 -t emotion-detector .
#   docker run --rm -p 8080:8080 --read-only --tmpfs /tmp emotion-detector

# --- build: the static site (SvelteKit adapter-static -> build/) --------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# One version for the app (its footer, the service worker's cache names) and for /health: the
# one in package.json unless VERSION is given.
ARG VERSION
RUN version="${VERSION:-$(node -p "require('./package.json').version")}" \
    && APP_VERSION="${version}" npm run build \
    && sed -i "/# @version\$/ s|\"version\":\"[^\"]*\"|\"version\":\"${version}\"|" nginx.conf \
    && grep -q "\"version\":\"${version}\"" nginx.conf

# --- runtime: unprivileged nginx (uid 101), read-only friendly: it writes only to /tmp ----------
FROM nginxinc/nginx-unprivileged:stable-alpine
ARG VERSION
ARG REVISION
ARG CREATED
ARG SOURCE
LABEL org.opencontainers.image.title="emotion-detector" \
      org.opencontainers.image.description="Offline, on-device facial emotion and stress detection in the browser." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="docker.io/nginxinc/nginx-unprivileged:stable-alpine"
COPY --from=build /app/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /app/build /usr/share/nginx/html
USER 101:101
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1
STOPSIGNAL SIGQUIT
# nginx itself, not the image's entrypoint script: that one edits files under /etc/nginx, which a
# read-only root filesystem does not allow, for features this config does not use.
ENTRYPOINT ["nginx"]
CMD ["-g", "daemon off;"]

# syntax=docker/dockerfile:1

# --- build: the static site (SvelteKit adapter-static -> build/) --------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    CI=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# /health reports the version: the one in package.json unless VERSION is given.
ARG VERSION
RUN version="${VERSION:-$(node -p "require('./package.json').version")}" \
    && sed -i "/# @version\$/ s|\"version\":\"[^\"]*\"|\"version\":\"${version}\"|" nginx.conf \
    && grep -q "\"version\":\"${version}\"" nginx.conf

# --- runtime: unprivileged nginx, the same nginx.conf the tests use -----------------------------
FROM nginxinc/nginx-unprivileged:stable-alpine
ARG VERSION
LABEL org.opencontainers.image.title="emotion-detector" \
      org.opencontainers.image.description="Offline, on-device facial emotion and stress detection in the browser." \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /app/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /app/build /usr/share/nginx/html
USER 101
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/health || exit 1
CMD ["nginx", "-g", "daemon off;"]

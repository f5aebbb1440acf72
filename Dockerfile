# syntax=docker/dockerfile:1
#
# mockroom's images, from one Dockerfile (docs/deploy.md):
#   docker build -t mockroom .                                 the server (target runtime, the default)
#   docker build --target sandbox -t mockroom-sandbox .        a go-judge runner for SANDBOX=remote
# Both sit on the same toolchains stage, so a candidate's code meets the same
# compilers whichever runner judges it. Checked in `go test ./deploy/` with
# BuildKit's own parser and linter (what `docker build --check` runs).

ARG GO_VERSION=1.26.8
ARG NODE_VERSION=22
ARG DEBIAN=bookworm
ARG GO_JUDGE_VERSION=v1.12.2

# The web app: web/dist, embedded into the binary by web/embed.go. esbuild,
# which strips TypeScript's types in the sandbox, comes from the same install.
FROM node:${NODE_VERSION}-${DEBIAN}-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build \
 && cp "$(find node_modules/@esbuild -path '*/bin/esbuild' -type f | head -n 1)" /esbuild \
 && /esbuild --version

# The binary (pure Go: modernc SQLite, no cgo) and the runner's preparer.
FROM golang:${GO_VERSION}-${DEBIAN} AS build
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
COPY --from=web /src/web/dist ./web/dist
ARG VERSION=dev
RUN --mount=type=cache,target=/root/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags "-X main.version=${VERSION}" -o /out/mockroom ./cmd/mockroom \
 && go build -trimpath -o /out/sandboxprep ./deploy/sandboxprep

# go-judge, pinned, with its seccomp build tag: without it the server ignores
# -seccomp-conf and runs candidates' code with no filter (ADR 0003).
FROM golang:${GO_VERSION}-${DEBIAN} AS gojudge
ARG GO_JUDGE_VERSION
ENV CGO_ENABLED=0 GOTOOLCHAIN=local GOBIN=/out
RUN --mount=type=cache,target=/root/go/pkg/mod \
    go install -tags seccomp github.com/criyle/go-judge/cmd/go-judge@${GO_JUDGE_VERSION}

# The languages candidates write in, at the paths sandbox/toolchain expects:
# /usr/bin/python3, /usr/bin/node, /usr/bin/java and javac (OpenJDK 17, whose
# /etc/java-17-openjdk the sandbox mounts), /usr/bin/g++, Go in /usr/local/go
# (mounted at /opt/go), esbuild on PATH.
FROM debian:${DEBIAN}-slim AS toolchains
# The JDK's post-install links its man pages into a folder slim images lack.
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl tini \
      python3 nodejs openjdk-17-jdk-headless g++ tar \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/go /usr/local/go
COPY --from=web /esbuild /usr/local/bin/esbuild
ENV PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# A go-judge runner: SANDBOX=remote points the servers at it. It needs a
# privileged container (namespaces, cgroups) and its token in ES_AUTH_TOKEN;
# the Go standard library and the C++ header are built here, once.
FROM toolchains AS sandbox
COPY --from=gojudge /out/go-judge /usr/local/bin/go-judge
COPY --from=build /out/sandboxprep /usr/local/bin/sandboxprep
RUN sandboxprep -dir /opt/mockroom-sandbox -goroot /usr/local/go -esbuild /usr/local/bin/esbuild \
 && mkdir -p /var/lib/go-judge/files
WORKDIR /var/lib/go-judge
EXPOSE 5050
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:5050/version"]
# -silent: go-judge logs its auth token at start otherwise.
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/go-judge", "-http-addr", ":5050", \
  "-mount-conf", "/opt/mockroom-sandbox/mount.yaml", "-seccomp-conf", "/opt/mockroom-sandbox/seccomp.yaml", \
  "-no-fallback", "-silent", "-dir", "/var/lib/go-judge/files"]

# The server. It runs as an unprivileged user, so it expects SANDBOX=remote
# (the runner above); SANDBOX=local in this image needs `--user 0
# --privileged` (namespaces and cgroups), see docs/deploy.md.
FROM toolchains AS runtime
RUN useradd --system --uid 10001 --user-group --home-dir /data --create-home --shell /usr/sbin/nologin mockroom
COPY --from=build /out/mockroom /usr/local/bin/mockroom
ENV ADDR=:8080 DATA_DIR=/data
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:8080/healthz"]
# tini reaps the local sandbox's orphans and passes SIGTERM on: the server
# then drains for up to 20 s (serve.go). The command is `mockroom serve`;
# another subcommand replaces CMD (`docker run mockroom migrate`, fly's
# release_command).
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/mockroom"]
CMD ["serve"]

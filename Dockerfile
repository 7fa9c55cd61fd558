# Serve: the bundled functions (add, iris.predict, sentiment.predict, fashion.predict) as an HTTP service.
#
#   docker build -t serve .
#   docker run --rm -p 5000:5000 serve
#   curl 'http://127.0.0.1:5000/add?a=10&b=20'
#
# `--target sdk` builds the Serve SDK instead, for images of your own app (see Examples/hello).
#
# The base images are arguments so that machines without a registry can substitute local ones
# (scripts/container-test does, on CI).
ARG BUILD_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# libpng and libjpeg-turbo decode images, OpenBLAS multiplies the matrices of ONNX models; they are linked
# from their static archives (found first through /opt/static-libraries), so the runtime image needs none
# of them. Versions are not pinned: Debian's security updates replace them, and a pin would break the build.
# hadolint ignore=DL3008
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
       libpng-dev libturbojpeg0-dev zlib1g-dev libopenblas-dev \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /opt/static-libraries \
    && for library in libpng16 libturbojpeg libz libopenblas; do \
         ln -s "$(find /usr/lib -name "$library.a" -print -quit)" "/opt/static-libraries/$library.a"; \
       done
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
# SwiftPM checks every target's folder when it loads the package, tests and benchmarks included.
COPY Tests ./Tests
COPY bench ./bench
# The static Swift standard library leaves only libc, libm, libstdc++ and libgcc_s to the runtime image:
# they are copied into /out beside the binary, as ldd lists them, with the dynamic loader. ONNX models
# (the default trait ONNX) add ServeModels (5 MB) and OpenBLAS's kernels (25 MB, one set per CPU family).
# The cache mount keeps SwiftPM's build folder between builds on the same machine.
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib -Xlinker -L/opt/static-libraries --product serve \
    && install -D -m 0755 "$(swift build -c release --show-bin-path)/serve" /out/usr/local/bin/serve \
    && strip /out/usr/local/bin/serve \
    && for library in $(ldd /out/usr/local/bin/serve | awk '/=> \// {print $3}') /lib64/ld-linux-x86-64.so.2; do \
         cp -L --parents "$library" /out; \
       done \
    && mkdir /empty

# The Serve SDK: Swift, `serve` and the runtime it compiles a user's app.swift against. A user's app image
# builds on it (Examples/hello/Dockerfile): docker build --target sdk -t serve-sdk .
FROM build AS sdk
COPY scripts/install scripts/install-packages ./scripts/
RUN --mount=type=cache,target=/src/.build \
    EXTRA_BUILD_FLAGS="--static-swift-stdlib -Xlinker -L/opt/static-libraries" \
      scripts/install --copy /opt/serve/bin \
    && ln -s /opt/serve/bin/serve /usr/local/bin/serve

# The service: the binary and the four C libraries it needs, nothing else (no shell, no package manager).
FROM scratch AS service
# The binary is the whole service: the trained models are compiled into it. `serve train` and
# `serve evaluate` read their data from /app/data, which docker-compose.yml mounts from the repository.
# /models is where docker-compose.yml keeps trained models and reports, and where an ONNX model is mounted
# (serve NAME=/models); writable by the service user.
COPY --from=build /out/ /
COPY --from=build --chown=10001:10001 /empty /models
WORKDIR /app
USER 10001:10001
ENV PORT=5000
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["serve", "healthcheck"]
ENTRYPOINT ["serve"]
# Every bundled function on 0.0.0.0:$PORT (serve listens on every interface when PORT is set).
CMD ["add", "iris", "sentiment", "fashion"]

# The image of docker-compose.yml's jobs (train, evaluate, infer): the binary on Debian (the jobs run shell
# commands) with Fashion-MNIST from Debian's dataset-fashion-mnist (MIT, © 2017 Zalando SE) in
# /usr/share/datasets/fashion-mnist.
FROM ${RUNTIME_IMAGE} AS jobs
# hadolint ignore=DL3008
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dataset-fashion-mnist \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local/bin/serve /usr/local/bin/serve
COPY --from=build --chown=10001:10001 /empty /models
WORKDIR /app
USER 10001:10001
ENV PORT=5000
ENTRYPOINT ["serve"]

# The default target: the service alone.
FROM service

# Updraft: compile the single binary, then ship it in a slim image.
# The build stage needs network access: `deno compile` downloads Deno's runtime (denort) and the
# npm packages. The runtime image needs none.

FROM denoland/deno:2.9.6 AS build
WORKDIR /src
COPY deno.json deno.lock ./
COPY main.ts ./
COPY src ./src
RUN deno install --frozen --entrypoint main.ts \
 && deno compile --allow-all --frozen --output /out/updraft main.ts

FROM debian:bookworm-slim
# bash and setsid (util-linux) run bash tasks; ca-certificates for tasks that call HTTPS.
RUN apt-get update \
 && apt-get install -y --no-install-recommends bash util-linux ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/updraft updraft \
 && mkdir -p /dags && chown updraft /dags
COPY --from=build /out/updraft /usr/local/bin/updraft
COPY dags /opt/updraft/example-dags
ENV UPDRAFT_HOME=/var/lib/updraft \
    UPDRAFT_DAGS_FOLDER=/dags \
    UPDRAFT_HOST=0.0.0.0 \
    UPDRAFT_PORT=8080
USER updraft
VOLUME ["/var/lib/updraft", "/dags"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["updraft"]
CMD ["serve"]

# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper pins Maven; dependencies are cached in a layer of their own.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY application.yml ./
COPY frontend-templates frontend-templates
COPY src src
# Spring Boot's layer tools split the jar into layers that change at different rates (dependencies rarely,
# the application on every build), so a rebuild ships only the application layer.
RUN ./mvnw -B -ntp -q package -DskipTests \
    && cp target/ghcr-dashboard-*.jar /ghcr-dashboard.jar \
    && java -Djarmode=tools -jar /ghcr-dashboard.jar extract --layers --destination /layers

# Runtime stage: JRE only, unprivileged user, data on a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system dashboard && useradd --system --gid dashboard --home /app dashboard \
    && mkdir -p /app/data && chown -R dashboard:dashboard /app
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER dashboard
ENV GHCR_DASHBOARD_DATA_DIR=/app/data PORT=8080
VOLUME /app/data
EXPOSE 8080
# Liveness, not the overall health: GitHub being unreachable must not make Docker restart the dashboard.
# Plain bash /dev/tcp keeps the image free of curl/wget just for the health check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT}; printf "GET /actuator/health/liveness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3; grep -q "\"UP\"" <&3'
# C1 only (TieredStopAtLevel=1): the dashboard waits on GitHub far more than it computes, and C2 never caught up
# with it. Measured with BrowseBenchmark (docs/benchmarks.md, "Which JIT"): with C2, its compiler threads spent
# 5.4-7.6 s of CPU on every 10,000-version analysis, still after five of them, against the dashboard's own 3-6 s;
# with C1 alone they spend 0.1 s, and pages render as fast. pom.xml runs the dashboard and its benchmarks the same way.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TieredStopAtLevel=1", "-jar", "/app/ghcr-dashboard.jar"]

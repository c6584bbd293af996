package dev.ghcrdashboard.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own: {@code --port=8090 --scenario=PATH|classpath:scenarios/demo.yml --latency-ms=0
 * --secondary-limit=900 --secondary-window-ms=60000 --rate-limit=5000 --no-link-last --link-by-owner-id}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options = SimulatorOptions.defaults().withPort(8090);
        String scenario = "classpath:scenarios/demo.yml";
        int secondaryPoints = 0;
        long secondaryWindowMs = 60_000;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--port=")) {
                options = options.withPort(Integer.parseInt(value));
            } else if (arg.startsWith("--scenario=")) {
                scenario = value;
            } else if (arg.startsWith("--latency-ms=")) {
                options = options.withLatency(Duration.ofMillis(Long.parseLong(value)));
            } else if (arg.startsWith("--rate-limit=")) {
                options = options.withRateLimitPerHour(Integer.parseInt(value));
            } else if (arg.startsWith("--secondary-limit=")) {
                secondaryPoints = Integer.parseInt(value);
            } else if (arg.startsWith("--secondary-window-ms=")) {
                secondaryWindowMs = Long.parseLong(value);
            } else if (arg.equals("--no-link-last")) {
                options = options.withLinkLast(false);
            } else if (arg.equals("--link-by-owner-id")) {
                options = options.withLinkByOwnerId(true);
            } else {
                System.err.println("unknown argument: " + arg);
                System.exit(2);
            }
        }
        if (secondaryPoints > 0) {
            options = options.withSecondaryLimit(new SecondaryLimit(secondaryPoints, Duration.ofMillis(secondaryWindowMs)));
        }
        Scenario loaded = Scenario.load(scenario);
        Simulator simulator = Simulator.start(loaded, options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        System.out.println("GitHub + ghcr.io simulator running (scenario " + scenario + ")");
        System.out.println("  ghcr-dashboard.github.api-url = " + simulator.apiUrl());
        System.out.println("  ghcr-dashboard.github.web-url = " + simulator.baseUrl());
        System.out.println("  ghcr-dashboard.registry.url   = " + simulator.baseUrl());
        System.out.println("  ghcr-dashboard.registry.service = " + simulator.registryService());
        System.out.println("  OAuth client id/secret        = " + loaded.clientId() + " / (see the scenario)");
        System.out.println("  control API                   = " + simulator.baseUrl() + "/_simulator/");
        new CountDownLatch(1).await();
    }
}

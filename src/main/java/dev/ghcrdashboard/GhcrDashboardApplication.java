package dev.ghcrdashboard;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GhcrDashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(GhcrDashboardApplication.class, args);
    }

    /**
     * The one source of "now": every feature takes this bean instead of asking the system, so
     * restore windows, leases, token lifetimes and timeouts can be tested on a clock a test moves.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

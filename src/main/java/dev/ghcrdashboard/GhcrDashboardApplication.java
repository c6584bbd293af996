package dev.ghcrdashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GhcrDashboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(GhcrDashboardApplication.class, args);
    }
}

package dev.ghcrdashboard.architecture;

import dev.ghcrdashboard.GhcrDashboardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(GhcrDashboardApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublishedTypes() {
        modules.forEach(System.out::println);
        modules.verify();
    }
}

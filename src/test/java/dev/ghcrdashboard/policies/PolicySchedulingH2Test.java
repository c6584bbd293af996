package dev.ghcrdashboard.policies;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The scheduler on H2, the default database (one instance, two schedulers on its connections). */
class PolicySchedulingH2Test extends PolicySchedulingContract {

    private final String url = "jdbc:h2:mem:policies-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(url, "sa", "");
    }

    @Override
    DataSource secondInstance() {
        return new DriverManagerDataSource(url, "sa", "");
    }
}

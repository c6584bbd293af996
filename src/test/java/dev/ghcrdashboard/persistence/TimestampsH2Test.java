package dev.ghcrdashboard.persistence;

import java.util.UUID;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Timestamps on H2, the default database. */
class TimestampsH2Test extends TimestampsContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        return new SingleConnectionDataSource("jdbc:h2:mem:timestamps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
    }
}

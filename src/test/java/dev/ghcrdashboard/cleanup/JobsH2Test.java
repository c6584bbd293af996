package dev.ghcrdashboard.cleanup;

import java.util.UUID;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class JobsH2Test extends JobsContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        return new SingleConnectionDataSource("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
    }
}

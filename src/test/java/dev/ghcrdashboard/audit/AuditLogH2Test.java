package dev.ghcrdashboard.audit;

import java.util.UUID;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The audit log on H2, the default database. */
class AuditLogH2Test extends AuditLogContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        return new SingleConnectionDataSource("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
    }
}

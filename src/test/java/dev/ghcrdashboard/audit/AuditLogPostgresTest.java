package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.support.RealPostgres;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The same promises on a real PostgreSQL, the production database. */
class AuditLogPostgresTest extends AuditLogContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        RealPostgres.Database database = RealPostgres.newDatabase();
        return new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
    }
}

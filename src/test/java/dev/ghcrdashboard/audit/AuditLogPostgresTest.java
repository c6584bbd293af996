package dev.ghcrdashboard.audit;

import dev.ghcrdashboard.support.RealPostgres;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The same promises on a real PostgreSQL, the production database. */
class AuditLogPostgresTest extends AuditLogContract {

    @Override
    DriverManagerDataSource newDatabase() {
        RealPostgres.Database database = RealPostgres.newDatabase();
        return new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password());
    }
}

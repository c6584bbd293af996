package dev.ghcrdashboard.cleanup;

import dev.ghcrdashboard.support.RealPostgres;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The same promises on a real PostgreSQL, where several dashboard instances share the jobs. */
class JobsPostgresTest extends JobsContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        RealPostgres.Database database = RealPostgres.newDatabase();
        return new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
    }
}

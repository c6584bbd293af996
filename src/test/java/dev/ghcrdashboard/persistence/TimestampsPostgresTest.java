package dev.ghcrdashboard.persistence;

import dev.ghcrdashboard.support.RealPostgres;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Timestamps on a real PostgreSQL, the production database. */
class TimestampsPostgresTest extends TimestampsContract {

    @Override
    SingleConnectionDataSource newDatabase() {
        RealPostgres.Database database = RealPostgres.newDatabase();
        return new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
    }
}

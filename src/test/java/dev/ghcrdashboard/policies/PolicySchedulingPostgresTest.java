package dev.ghcrdashboard.policies;

import dev.ghcrdashboard.support.RealPostgres;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The scheduler on a real PostgreSQL: two instances, each with its own connections, on one database. */
class PolicySchedulingPostgresTest extends PolicySchedulingContract {

    private RealPostgres.Database database;

    @Override
    DataSource newDatabase() {
        database = RealPostgres.newDatabase();
        return new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    DataSource secondInstance() {
        return new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password());
    }
}

package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.support.RealPostgres;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class VisibilityPersistencePostgresTest extends VisibilityPersistenceContract {

    private DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            RealPostgres.Database database = RealPostgres.newDatabase();
            dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.user(), database.password());
        }
        return dataSource;
    }
}

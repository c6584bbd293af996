package dev.ghcrdashboard.visibility;

import dev.ghcrdashboard.support.RealPostgres;
import javax.sql.DataSource;

class VisibilityPersistencePostgresTest extends VisibilityPersistenceContract {

    private DataSource dataSource;

    @Override
    DataSource dataSource() {
        if (dataSource == null) {
            dataSource = RealPostgres.newDatabase().dataSource();
        }
        return dataSource;
    }
}

package dev.ghcrdashboard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.support.RealPostgres;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit log as the application wires it: Boot's DataSource and Flyway auto-configuration
 * migrate the database from {@code classpath:db/migration}, and the service is transactional.
 */
class AuditLogWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class))
            .withUserConfiguration(AuditLog.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("spring.flyway.locations=classpath:db/migration");

    @Test
    void worksOnTheDefaultH2Database() {
        recordsSearchesAndExports(context.withPropertyValues(
                "spring.datasource.url=jdbc:h2:mem:audit-wiring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    @Test
    void worksOnPostgresql() {
        RealPostgres.Database database = RealPostgres.newDatabase();
        recordsSearchesAndExports(context.withPropertyValues("spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=" + database.user(), "spring.datasource.password=" + database.password()));
    }

    private static void recordsSearchesAndExports(ApplicationContextRunner runner) {
        runner.run(app -> {
            assertThat(app).hasNotFailed();
            AuditLog auditLog = app.getBean(AuditLog.class);
            assertThat(AopUtils.isAopProxy(auditLog)).as("transactional proxy").isTrue();

            AuditEntry stored = auditLog.record(new AuditEntry(null, Instant.parse("2026-03-01T10:00:00Z"), "octocat",
                    AuditAction.RESTORE_VERSION, "acme", "web", 5L, "sha256:5", List.of("v5"), AuditOutcome.SUCCEEDED,
                    null, "job-1"));
            var csv = new StringWriter();
            auditLog.exportCsv(AuditQuery.all(), csv);

            assertThat(auditLog.search(AuditQuery.all()).entries()).containsExactly(stored);
            assertThat(csv.toString()).contains(stored.id() + ",2026-03-01T10:00:00Z,octocat,RESTORE_VERSION,acme,web,5,");

            // An entry commits with the caller's change (a job item's state): both or neither survive.
            var callersTransaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            callersTransaction.executeWithoutResult(status -> {
                auditLog.record(new AuditEntry(null, null, "octocat", AuditAction.DELETE_VERSION,
                        "acme", "web", 6L, "sha256:6", List.of(), AuditOutcome.SUCCEEDED, null, null));
                status.setRollbackOnly();
            });
            assertThat(auditLog.search(AuditQuery.all()).entries()).as("rolled back with its change").hasSize(1);
            AuditEntry committed = callersTransaction.execute(status -> auditLog.record(new AuditEntry(null, null, "octocat",
                    AuditAction.DELETE_VERSION, "acme", "web", 7L, "sha256:7", List.of(), AuditOutcome.SUCCEEDED, null, null)));
            assertThat(auditLog.search(AuditQuery.all()).entries()).contains(committed).hasSize(2);
        });
    }
}

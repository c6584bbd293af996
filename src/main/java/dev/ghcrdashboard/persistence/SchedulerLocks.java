package dev.ghcrdashboard.persistence;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work runs on one instance at a time: ShedLock's lock rows live in the {@code shedlock} table of the
 * database the instances share (migration V50). Scheduled methods take a lock through {@link OnceAcrossInstances},
 * for their whole run or for a finer grain (one owner's drift re-check).
 *
 * <p>Lock times are the database's clock ({@code usingDbTime}), so instances whose clocks disagree still agree
 * on when a lock runs out.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulerLocks {

    @Bean
    OnceAcrossInstances onceAcrossInstances(DataSource dataSource) {
        return new OnceAcrossInstances(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build()));
    }
}

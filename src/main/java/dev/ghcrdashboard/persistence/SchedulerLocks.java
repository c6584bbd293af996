package dev.ghcrdashboard.persistence;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled work runs on one instance at a time: ShedLock's lock rows live in the {@code shedlock} table of the
 * database the instances share (migration V50). {@code @SchedulerLock} on a {@code @Scheduled} method locks the
 * whole run; the {@link LockProvider} locks finer grains (one owner's drift re-check).
 *
 * <p>Lock times are the database's clock ({@code usingDbTime}), so instances whose clocks disagree still agree
 * on when a lock runs out.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulerLocks {

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}

package dev.ghcrdashboard.operations;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Checks the settings that would otherwise fail late, obscurely or not at all, before any bean is made:
 * the first one that is wrong stops the start with a {@link ConfigurationProblem}. With nothing
 * configured every check passes (demo mode on the embedded H2 database).
 *
 * <p>Registered in {@code META-INF/spring.factories}, so it runs after the environment (and demo mode's
 * defaults) are complete and after logging is set up, so its sentence reaches the log in the configured format.
 */
public final class SettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String CLIENT_ID = "spring.security.oauth2.client.registration.github.client-id";
    static final String CLIENT_SECRET = "spring.security.oauth2.client.registration.github.client-secret";
    static final String DATASOURCE_URL = "spring.datasource.url";
    static final String SECRET_KEY = "ghcr-dashboard.secret-key";
    /** Shorter keys are guessable; 16 characters of {@code openssl rand -base64} carry 96 bits. */
    static final int MIN_SECRET_KEY_LENGTH = 16;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        check(context.getEnvironment());
    }

    static void check(Environment environment) {
        oauthClient(environment);
        for (String url : new String[] {"ghcr-dashboard.github.api-url", "ghcr-dashboard.github.web-url", "ghcr-dashboard.registry.url"}) {
            httpUrl(environment, url);
        }
        String datasource = environment.getProperty(DATASOURCE_URL, "");
        datasource(datasource);
        secretKey(environment.getProperty(SECRET_KEY, ""), datasource);
    }

    private static void oauthClient(Environment environment) {
        boolean id = !environment.getProperty(CLIENT_ID, "").isBlank();
        boolean secret = !environment.getProperty(CLIENT_SECRET, "").isBlank();
        if (id && !secret) {
            throw new ConfigurationProblem("GITHUB_CLIENT_ID is set but GITHUB_CLIENT_SECRET (" + CLIENT_SECRET
                    + ") is empty; copy the client secret from your GitHub OAuth App's page into GITHUB_CLIENT_SECRET.",
                    "Set GITHUB_CLIENT_SECRET, or unset GITHUB_CLIENT_ID to start in demo mode.");
        }
        if (secret && !id) {
            throw new ConfigurationProblem("GITHUB_CLIENT_SECRET is set but GITHUB_CLIENT_ID (" + CLIENT_ID
                    + ") is empty; set GITHUB_CLIENT_ID to your GitHub OAuth App's client id (or unset both for demo mode).",
                    "Set GITHUB_CLIENT_ID, or unset GITHUB_CLIENT_SECRET to start in demo mode.");
        }
    }

    private static void httpUrl(Environment environment, String property) {
        String value = environment.getProperty(property);
        if (value == null) {
            return; // the property's default applies
        }
        String fix = "set " + envName(property) + " to a full http or https address such as "
                + (property.endsWith("api-url") ? "https://api.github.com (GitHub Enterprise Server: https://HOST/api/v3)"
                : property.endsWith("web-url") ? "https://github.com (GitHub Enterprise Server: https://HOST)" : "https://ghcr.io");
        String problem = property + " (" + envName(property) + ") is '" + value.strip() + "', which ";
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationProblem(problem + "is not a valid URL (" + e.getReason() + "); " + fix + ".", capitalised(fix) + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigurationProblem(problem + "is not an http or https URL with a host; " + fix + ".", capitalised(fix) + ".");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationProblem(property + " (" + envName(property) + ") must be a plain base address without user"
                    + " name, query or fragment; " + fix + ".", capitalised(fix) + ".");
        }
    }

    private static void datasource(String url) {
        if (url.isBlank()) {
            return;
        }
        String fix = "write it as jdbc:postgresql://HOST:5432/DATABASE (user and password in SPRING_DATASOURCE_USERNAME and"
                + " SPRING_DATASOURCE_PASSWORD), or unset it for the embedded H2 database";
        String shown = "spring.datasource.url (SPRING_DATASOURCE_URL) is '" + redacted(url) + "', which ";
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigurationProblem(shown + "is neither a PostgreSQL nor an H2 JDBC URL; " + fix + ".", capitalised(fix) + ".");
        }
        try {
            // The driver's own parser: "jdbc:postgresql://host:port:/db" and similar typos fail here, not at first use.
            if (!DriverManager.getDriver(url).acceptsURL(url)) {
                throw new SQLException("not accepted");
            }
        } catch (SQLException e) {
            throw new ConfigurationProblem(shown + "the database driver cannot read; " + fix + ".", capitalised(fix) + ".");
        }
    }

    private static void secretKey(String key, String datasource) {
        String fix = "set GHCR_DASHBOARD_SECRET_KEY to the same random value on every instance, e.g. the output of"
                + " 'openssl rand -base64 32'";
        if (!key.isBlank() && key.strip().length() < MIN_SECRET_KEY_LENGTH) {
            throw new ConfigurationProblem(SECRET_KEY + " (GHCR_DASHBOARD_SECRET_KEY) is shorter than " + MIN_SECRET_KEY_LENGTH
                    + " characters, too easy to guess for the key that encrypts GitHub tokens at rest; " + fix + ".",
                    capitalised(fix) + ".");
        }
        if (key.isBlank() && !datasource.isBlank() && !datasource.startsWith("jdbc:h2:")) {
            throw new ConfigurationProblem(SECRET_KEY + " (GHCR_DASHBOARD_SECRET_KEY) is not set, but the database is shared"
                    + " (spring.datasource.url is not the embedded H2): instances sharing it must encrypt and decrypt the"
                    + " GitHub tokens in sessions and jobs with one key, so " + fix + ".", capitalised(fix) + ".");
        }
    }

    /** A JDBC URL without anything that may be a credential (user info, parameters such as password=). */
    static String redacted(String jdbcUrl) {
        String url = jdbcUrl.strip();
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query) + "?…";
        }
        int semicolon = url.indexOf(';');
        if (semicolon >= 0 && !url.startsWith("jdbc:h2:")) {
            url = url.substring(0, semicolon) + ";…";
        }
        return url.replaceAll("//[^/@]*@", "//…@");
    }

    /** The environment variable Spring's relaxed binding reads for {@code property}. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

package dev.ghcrdashboard.support;

import org.springframework.core.env.Environment;

/**
 * The dashboard of a {@link SimulatorBackedTest} as a person reaches it: over HTTP on the port the test
 * server picked. Injected with {@code @Autowired Dashboard dashboard}.
 */
public final class Dashboard {

    private final Environment environment;

    Dashboard(Environment environment) {
        this.environment = environment;
    }

    /** {@code http://localhost:PORT}, without a trailing slash. */
    public String url() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            throw new IllegalStateException("the dashboard has no HTTP port: use webEnvironment = RANDOM_PORT");
        }
        return "http://localhost:" + port;
    }

    /** The address of a page, {@code path} starting with a slash. */
    public String url(String path) {
        return url() + path;
    }

    /** A new person with a cookie jar of their own, not signed in yet. */
    public DashboardHttp http() {
        return new DashboardHttp(url());
    }

    /**
     * A new person with a cookie jar of their own, signed in as {@code login}; with {@code extraScopes} ({@code delete},
     * {@code restore}, …) granted as when the dashboard first asks for them.
     */
    public DashboardHttp signedIn(String login, String... extraScopes) {
        DashboardHttp person = http();
        if (extraScopes.length == 0) {
            person.signIn(login);
        } else {
            person.signInWithExtraScopes(login, extraScopes);
        }
        return person;
    }
}

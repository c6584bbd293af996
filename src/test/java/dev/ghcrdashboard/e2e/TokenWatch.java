package dev.ghcrdashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghcrdashboard.simulator.RecordedExchange;
import dev.ghcrdashboard.simulator.Simulator;
import dev.ghcrdashboard.support.DashboardHttp;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers every OAuth token the simulator of a {@link dev.ghcrdashboard.support.SimulatorBackedTest}
 * class issues (read from the token exchange on the wire) so its tests can prove none of them ever
 * reaches a page, a response header or the log. Watches from before the first test to after the last:
 * {@code @RegisterExtension static final TokenWatch tokens = new TokenWatch();}
 */
final class TokenWatch implements Consumer<RecordedExchange>, BeforeAllCallback, AfterAllCallback {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private Simulator simulator;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = SpringExtension.getApplicationContext(context).getBean(Simulator.class);
        simulator.control().addExchangeListener(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.control().removeExchangeListener(this);
        }
    }

    @Override
    public void accept(RecordedExchange exchange) {
        if (exchange.path().equals("/login/oauth/access_token") && exchange.status() == 200) {
            String token = JSON.readTree(exchange.responseBody()).path("access_token").asString("");
            if (!token.isBlank()) {
                issued.add(token);
            }
        }
    }

    Set<String> issued() {
        return Set.copyOf(issued);
    }

    /** No token issued so far appears in the page's body or any of its response headers. */
    void assertNotIn(DashboardHttp.Page page) {
        assertThat(issued).as("a sign-in happened, so there is a token to look for").isNotEmpty();
        for (String token : issued) {
            assertThat(page.body()).as("body of " + page.uri()).doesNotContain(token);
            for (Map.Entry<String, List<String>> header : page.headers().entrySet()) {
                assertThat(String.join(" ", header.getValue())).as("header " + header.getKey() + " of " + page.uri())
                        .doesNotContain(token);
            }
        }
    }

    void assertNotIn(String log) {
        assertThat(issued).isNotEmpty();
        for (String token : issued) {
            assertThat(log).as("captured log output").doesNotContain(token);
        }
    }
}

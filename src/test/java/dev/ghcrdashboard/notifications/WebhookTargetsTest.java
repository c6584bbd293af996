package dev.ghcrdashboard.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A webhook is a request from inside the deployment's network: internal addresses are refused unless allowed. */
class WebhookTargetsTest {

    private final WebhookTargets guarded = new WebhookTargets(new NotificationsProperties(null, false, null, null, null, null));
    private final WebhookTargets open = new WebhookTargets(new NotificationsProperties(null, true, null, null, null, null));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x", "http://192.168.0.1/",
            "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://0.0.0.0/"})
    void internalAddressesAreRefused(String url) {
        assertThat(guarded.refusal(URI.create(url))).as(url).isPresent();
        assertThat(open.refusal(URI.create(url))).as("allowed by the operator").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///etc/passwd", "javascript:alert(1)", "https://user:pw@93.184.216.34/x",
            "/relative/path"})
    void onlyPlainWebAddressesWithoutCredentialsAreTaken(String url) {
        assertThat(open.refusal(URI.create(url))).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8:8080/x"})
    void publicAddressesAreTaken(String url) {
        assertThat(guarded.refusal(URI.create(url))).as(url).isEmpty();
    }
}

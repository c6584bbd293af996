package dev.ghcrdashboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void keepsCommasInsideQuotedScope() {
        AuthChallenge challenge = AuthChallenge.parse(
                "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/app:pull,push\"").get(0);

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "realm", "https://ghcr.io/token", "service", "ghcr.io", "scope", "repository:acme/app:pull,push"));
    }

    @Test
    void schemeAndParameterNamesAreCaseInsensitive() {
        AuthChallenge challenge = AuthChallenge.parse("BEARER Realm=\"https://r/token\" , SERVICE=svc").get(0);

        assertThat(challenge.isBearer()).isTrue();
        assertThat(challenge.param("realm")).isEqualTo("https://r/token");
        assertThat(challenge.param("Service")).isEqualTo("svc");
    }

    @Test
    void unescapesQuotedPairs() {
        AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://r/token\",error_description=\"say \\\"no\\\", \\\\ twice\"").get(0);

        assertThat(challenge.param("error_description")).isEqualTo("say \"no\", \\ twice");
    }

    @Test
    void separatesSeveralChallengesInOneHeader() {
        List<AuthChallenge> challenges = AuthChallenge.parse(
                "Basic realm=\"registry\", Negotiate abc==, Bearer realm=\"https://r/token\",scope=\"repository:a/b:pull,push\"");

        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("Basic", "Negotiate", "Bearer");
        assertThat(challenges.get(0).param("realm")).isEqualTo("registry");
        assertThat(challenges.get(1).token68()).isEqualTo("abc==");
        assertThat(challenges.get(2).param("scope")).isEqualTo("repository:a/b:pull,push");
        assertThat(AuthChallenge.bearer(List.of("Basic realm=\"x\"", "Bearer realm=\"https://r/token\"")).param("realm")).isEqualTo("https://r/token");
    }

    @Test
    void aBearerChallengeWithoutRealmIsNotUsable() {
        assertThat(AuthChallenge.bearer(List.of("Bearer error=\"invalid_token\""))).isNull();
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThatThrownBy(() -> AuthChallenge.parse("Bearer realm=\"unterminated")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuthChallenge.parse("Bearer realm=\"a\" service=\"b\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repositoryPathsLowercaseTheOwnerAndKeepNestedNamesRaw() {
        assertThat(new RegistryRepository("Acme", "tools/cli").path()).isEqualTo("acme/tools/cli");
        assertThatThrownBy(() -> new RegistryRepository("acme", "/cli")).isInstanceOf(IllegalArgumentException.class);
    }
}

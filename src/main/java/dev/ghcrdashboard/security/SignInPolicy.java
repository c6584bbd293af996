package dev.ghcrdashboard.security;

import dev.ghcrdashboard.github.AccessToken;
import java.util.Optional;

/**
 * Who may use the dashboard. Asked at sign-in and again on later requests (an implementation answers those
 * from what it read recently), so a person removed from an allowed organization loses access without
 * waiting for their session to end. The owners module implements it; this module only enforces it.
 */
public interface SignInPolicy {

    /**
     * @return empty when the person may use the dashboard; otherwise why not, in words for the sign-in page
     */
    Optional<String> refusal(String login, AccessToken token);
}

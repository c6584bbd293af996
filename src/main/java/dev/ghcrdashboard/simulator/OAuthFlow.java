package dev.ghcrdashboard.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** GitHub's OAuth App web flow: the authorize page (a person picks a user and scopes) and the token endpoint. */
final class OAuthFlow {

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private record Code(String login, List<String> scopes, String clientId, String redirectUri, String challenge, Instant expires) {
    }

    private final State state;
    private final Counters counters;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();

    OAuthFlow(State state, Counters counters) {
        this.state = state;
        this.counters = counters;
    }

    Response handle(Request request) {
        counters.oauth.incrementAndGet();
        String action = request.segments.size() == 3 ? request.segments.get(2) : "";
        if (action.equals("authorize") && request.method.equals("GET")) {
            return authorizePage(request.query);
        }
        if (action.equals("authorize") && request.method.equals("POST")) {
            return authorizeDecision(request);
        }
        if (action.equals("access_token") && request.method.equals("POST")) {
            return accessToken(request);
        }
        return Response.html(404, Html.page("Not Found", "<h1>Not Found</h1>"));
    }

    private Response authorizePage(Map<String, String> query) {
        String problem = invalidAuthorizeRequest(query);
        if (problem != null) {
            return Response.html(400, Html.page("Authorization problem", "<h1>Authorization problem</h1><p>" + Html.escape(problem) + "</p>"));
        }
        List<String> scopes = scopes(query.get("scope"));
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in to the GitHub simulator</h1>");
        body.append("<p>The application <code>").append(Html.escape(query.get("client_id")))
                .append("</code> wants to access your account.</p>");
        body.append("<form method=\"post\" action=\"/login/oauth/authorize\">");
        for (String field : List.of("client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method")) {
            String value = query.get(field);
            if (value != null) {
                body.append("<input type=\"hidden\" name=\"").append(field).append("\" value=\"").append(Html.escape(value)).append("\">");
            }
        }
        body.append("<fieldset class=\"box\"><legend>Sign in as</legend>");
        boolean first = true;
        for (Model.User user : state.users.values()) {
            body.append("<label class=\"user\"><input type=\"radio\" name=\"login\" value=\"").append(Html.escape(user.login()))
                    .append("\"").append(first ? " checked" : "").append("> <strong>").append(Html.escape(user.login()))
                    .append("</strong> ").append(Html.escape(user.name() == null ? "" : user.name())).append("</label><br>");
            first = false;
        }
        body.append("</fieldset><fieldset class=\"box\"><legend>Requested scopes</legend>");
        if (scopes.isEmpty()) {
            body.append("<p>No scopes: read-only access to public information.</p>");
        }
        for (String scope : scopes) {
            body.append("<label><input type=\"checkbox\" name=\"scope\" value=\"").append(Html.escape(scope))
                    .append("\" checked> <code>").append(Html.escape(scope)).append("</code></label><br>");
        }
        body.append("</fieldset>");
        body.append("<button type=\"submit\" id=\"authorize\" name=\"decision\" value=\"authorize\" class=\"primary\">Authorize</button>");
        body.append("<button type=\"submit\" id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button>");
        body.append("</form>");
        return Response.html(200, Html.page("Sign in to the GitHub simulator", body.toString()));
    }

    private String invalidAuthorizeRequest(Map<String, String> fields) {
        if (!state.clientId.equals(fields.get("client_id"))) {
            return "Unknown OAuth application (client_id).";
        }
        String redirect = fields.get("redirect_uri");
        if (redirect == null || !(redirect.startsWith("http://") || redirect.startsWith("https://"))) {
            return "The redirect_uri is missing or not an http(s) URL.";
        }
        String method = fields.get("code_challenge_method");
        if (fields.get("code_challenge") != null && method != null && !method.equals("S256")) {
            return "Only the S256 code_challenge_method is supported.";
        }
        return null;
    }

    private Response authorizeDecision(Request request) {
        Map<String, String> form = request.formBody();
        String problem = invalidAuthorizeRequest(form);
        if (problem != null) {
            return Response.html(400, Html.page("Authorization problem", "<h1>Authorization problem</h1><p>" + Html.escape(problem) + "</p>"));
        }
        String redirect = form.get("redirect_uri");
        String stateParam = form.get("state");
        if ("cancel".equals(form.get("decision"))) {
            return Response.redirect(withQuery(redirect, "error", "access_denied", "error_description",
                    "The user has denied your application access.", "state", stateParam));
        }
        String login = form.get("login");
        if (login == null || !state.users.containsKey(login)) {
            return Response.html(400, Html.page("Authorization problem", "<h1>Choose a user to sign in as</h1>"));
        }
        Set<String> granted = new LinkedHashSet<>(request.formValues("scope"));
        String code = Tokens.random("").substring(0, 20);
        codes.put(code, new Code(login, List.copyOf(granted), form.get("client_id"), redirect, form.get("code_challenge"),
                state.clock.instant().plus(CODE_LIFETIME)));
        return Response.redirect(withQuery(redirect, "code", code, "state", stateParam));
    }

    private Response accessToken(Request request) {
        Map<String, String> params = new java.util.LinkedHashMap<>(request.query);
        params.putAll(request.formBody());
        String clientId = params.get("client_id");
        String clientSecret = params.get("client_secret");
        String[] basic = request.basic();
        if (basic != null) {
            clientId = basic[0];
            clientSecret = basic[1];
        }
        boolean json = String.valueOf(request.header("Accept")).contains("json");
        if (!state.clientId.equals(clientId) || !state.clientSecret.equals(clientSecret)) {
            return tokenError(json, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
        }
        String codeValue = params.get("code");
        Code code = codeValue == null ? null : codes.remove(codeValue);
        if (code == null || code.expires().isBefore(state.clock.instant()) || !code.clientId().equals(clientId)) {
            return tokenError(json, "bad_verification_code", "The code passed is incorrect or expired.");
        }
        String redirect = params.get("redirect_uri");
        if (redirect != null && !redirect.equals(code.redirectUri())) {
            return tokenError(json, "redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application.");
        }
        if (code.challenge() != null) {
            String verifier = params.get("code_verifier");
            if (verifier == null || !s256(verifier).equals(code.challenge())) {
                return tokenError(json, "bad_verification_code", "The code_verifier does not match the code_challenge.");
            }
        }
        String token = Tokens.random("gho_");
        state.tokens.put(token, new Model.TokenGrant(code.login(), Set.copyOf(code.scopes())));
        String scope = String.join(",", code.scopes());
        if (json) {
            return Json.response(200, Json.obj("access_token", token, "token_type", "bearer", "scope", scope));
        }
        return Response.bytes(200, "application/x-www-form-urlencoded; charset=utf-8",
                ("access_token=" + token + "&scope=" + enc(scope) + "&token_type=bearer").getBytes(StandardCharsets.UTF_8));
    }

    /** GitHub answers token errors with 200 and an error field, not with an HTTP error status. */
    private static Response tokenError(boolean json, String error, String description) {
        String uri = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
        if (json) {
            return Json.response(200, Json.obj("error", error, "error_description", description, "error_uri", uri));
        }
        return Response.bytes(200, "application/x-www-form-urlencoded; charset=utf-8",
                ("error=" + error + "&error_description=" + enc(description) + "&error_uri=" + enc(uri)).getBytes(StandardCharsets.UTF_8));
    }

    static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.hash(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> scopes(String scope) {
        List<String> scopes = new ArrayList<>();
        if (scope != null) {
            for (String item : scope.split("[,\\s]+")) {
                if (!item.isBlank() && !scopes.contains(item)) {
                    scopes.add(item);
                }
            }
        }
        return scopes;
    }

    private static String withQuery(String url, String... pairs) {
        StringBuilder out = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                continue;
            }
            out.append(separator).append(pairs[i]).append('=').append(enc(pairs[i + 1]));
            separator = '&';
        }
        return out.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.ghcrdashboard.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1). Parsed with a real tokenizer
 * because a registry's {@code scope} is a quoted string that itself contains commas
 * ({@code repository:o/n:pull,push}), which splitting on commas gets wrong.
 *
 * @param scheme as sent; compare case-insensitively
 * @param params parameter names lowercased (they are case-insensitive), values unquoted
 * @param token68 the token68 form ({@code Negotiate abc==}), or {@code null}
 */
record AuthChallenge(String scheme, Map<String, String> params, String token68) {

    AuthChallenge {
        params = Map.copyOf(params);
    }

    boolean isBearer() {
        return "bearer".equalsIgnoreCase(scheme);
    }

    String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** Parses every challenge of one header value. */
    static List<AuthChallenge> parse(String header) {
        return new Parser(header).challenges();
    }

    /** The first Bearer challenge with a realm among all header values, or {@code null}. */
    static AuthChallenge bearer(List<String> headerValues) {
        for (String value : headerValues) {
            for (AuthChallenge challenge : parse(value)) {
                if (challenge.isBearer() && challenge.param("realm") != null) {
                    return challenge;
                }
            }
        }
        return null;
    }

    private static final class Parser {

        private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";
        private static final String TOKEN68_SPECIALS = "-._~+/";

        private final String input;
        private int pos;

        Parser(String input) {
            this.input = input == null ? "" : input;
        }

        List<AuthChallenge> challenges() {
            List<AuthChallenge> challenges = new ArrayList<>();
            while (true) {
                skipSeparators();
                if (atEnd()) {
                    return challenges;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    throw malformed("expected an auth scheme");
                }
                boolean spaceAfterScheme = skipWhitespace();
                String token68 = spaceAfterScheme ? token68() : null;
                Map<String, String> params = new LinkedHashMap<>();
                if (token68 == null) {
                    params(params);
                }
                challenges.add(new AuthChallenge(scheme, params, token68));
            }
        }

        /** Reads {@code name=value} pairs until the input ends or the next challenge's scheme starts. */
        private void params(Map<String, String> params) {
            while (!atEnd()) {
                int mark = pos;
                String name = token();
                if (name.isEmpty()) {
                    if (peek() == ',') {
                        pos++;
                        skipWhitespace();
                        continue;
                    }
                    throw malformed("unexpected '" + peek() + "'");
                }
                skipWhitespace();
                if (peek() != '=') {
                    pos = mark;
                    return;
                }
                pos++;
                skipWhitespace();
                String value = peek() == '"' ? quotedString() : token();
                params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                skipWhitespace();
                if (atEnd()) {
                    return;
                }
                if (peek() != ',') {
                    throw malformed("expected ',' after parameter " + name);
                }
                pos++;
                skipWhitespace();
            }
        }

        /** A token68 is only one if nothing but a separator follows it; otherwise it is the first parameter. */
        private String token68() {
            int start = pos;
            int end = start;
            while (end < input.length() && isToken68Char(input.charAt(end))) {
                end++;
            }
            if (end == start) {
                return null;
            }
            while (end < input.length() && input.charAt(end) == '=') {
                end++;
            }
            int after = end;
            while (after < input.length() && isWhitespace(input.charAt(after))) {
                after++;
            }
            if (after < input.length() && input.charAt(after) != ',') {
                return null;
            }
            pos = end;
            return input.substring(start, end);
        }

        private String quotedString() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (!atEnd()) {
                char c = input.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = input.charAt(pos++);
                }
                value.append(c);
            }
            throw malformed("unterminated quoted string");
        }

        private String token() {
            int start = pos;
            while (!atEnd() && isTokenChar(input.charAt(pos))) {
                pos++;
            }
            return input.substring(start, pos);
        }

        private boolean skipWhitespace() {
            int start = pos;
            while (!atEnd() && isWhitespace(input.charAt(pos))) {
                pos++;
            }
            return pos > start;
        }

        private void skipSeparators() {
            while (!atEnd() && (isWhitespace(input.charAt(pos)) || input.charAt(pos) == ',')) {
                pos++;
            }
        }

        private char peek() {
            return atEnd() ? '\0' : input.charAt(pos);
        }

        private boolean atEnd() {
            return pos >= input.length();
        }

        private IllegalArgumentException malformed(String why) {
            return new IllegalArgumentException("malformed WWW-Authenticate header at " + pos + ": " + why);
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isTokenChar(char c) {
            return isAlphaNum(c) || TOKEN_SPECIALS.indexOf(c) >= 0;
        }

        private static boolean isToken68Char(char c) {
            return isAlphaNum(c) || TOKEN68_SPECIALS.indexOf(c) >= 0;
        }

        private static boolean isAlphaNum(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
    }
}

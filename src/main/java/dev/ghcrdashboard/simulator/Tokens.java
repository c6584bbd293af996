package dev.ghcrdashboard.simulator;

import java.security.SecureRandom;

final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private Tokens() {
    }

    static String random(String prefix) {
        StringBuilder token = new StringBuilder(prefix);
        for (int i = 0; i < 36; i++) {
            token.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return token.toString();
    }
}

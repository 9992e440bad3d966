package dev.chatlab.cli.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The code that lets a student into a class: said aloud or written on the board, so it is
 * read without the letters people confuse (0/O, 1/I/L) and compared without case and
 * dashes ("k7qm-4rxp" is "K7QM4RXP"). Eight of 31 symbols are 8.5e11 codes: guessing one
 * over a classroom network takes years.
 */
record ClassCode(String value) {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 64;

    ClassCode {
        value = normalize(value);
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a class code needs " + MIN_LENGTH + "-" + MAX_LENGTH + " letters or digits");
        }
    }

    static ClassCode madeUp() {
        SecureRandom random = new SecureRandom();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ClassCode(code.toString());
    }

    /** The code as people read it: two groups of four. */
    String shown() {
        return value.length() == 8 ? value.substring(0, 4) + "-" + value.substring(4) : value;
    }

    /** In constant time (for a given length), so the answer's timing does not tell how much of a guess was right. */
    boolean matches(String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), normalize(given).getBytes(StandardCharsets.UTF_8));
    }

    private static String normalize(String code) {
        if (code == null) {
            return "";
        }
        StringBuilder letters = new StringBuilder();
        for (char c : code.toUpperCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                letters.append(c);
            } else if (c != '-' && c != ' ') {
                return ""; // anything else is no code at all, never a shorter one
            }
        }
        return letters.toString();
    }
}

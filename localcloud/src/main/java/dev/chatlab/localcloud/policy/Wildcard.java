package dev.chatlab.localcloud.policy;

import java.util.Locale;

/** IAM's wildcard match: {@code *} is any run of characters, {@code ?} any one character. */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int starAt = -1;
        int matchedUpTo = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starAt = pi++;
                matchedUpTo = vi;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                vi = ++matchedUpTo;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}

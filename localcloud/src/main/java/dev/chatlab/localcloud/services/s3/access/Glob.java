package dev.chatlab.localcloud.services.s3.access;

import java.util.regex.Pattern;

/**
 * Policy-style wildcards ({@code *}, {@code ?}) for S3's own policy checks. (The IAM engine's
 * matcher is package-private to it; S3 needs the same notion only to ask "could this resource
 * pattern name this bucket".)
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    static boolean hasWildcard(String value) {
        return value.contains("*") || value.contains("?") || value.contains("${");
    }
}

package dev.chatlab.localcloud.services.route53;

import java.util.Comparator;
import java.util.Locale;

/**
 * Domain names the way Route53 handles them: case-insensitive, always absolute (a trailing
 * dot is added), characters other than {@code a-z 0-9 - _} written as {@code \ooo} octal
 * escapes in what it answers ({@code *.lab.test.} lists as {@code \052.lab.test.}).
 */
public final class DnsNames {

    /**
     * Route53's listing order: ASCII order of the labels read right to left, so
     * {@code lab.test.} comes before {@code a.lab.test.} and {@code www.lab.test.}.
     */
    public static final Comparator<String> REVERSED_LABEL_ORDER = Comparator.comparing(DnsNames::reversedLabels);

    private DnsNames() {
    }

    /**
     * The canonical form of a name a caller sent: octal escapes decoded, lower-case,
     * with the trailing dot; null when it is not a valid domain name.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String name = unescape(raw.trim()).toLowerCase(Locale.ROOT);
        if (name.equals(".")) {
            return null;
        }
        if (!name.endsWith(".")) {
            name = name + ".";
        }
        if (name.length() > 255 || name.startsWith(".")) {
            return null;
        }
        for (String label : name.substring(0, name.length() - 1).split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                return null;
            }
        }
        return name;
    }

    /** True when {@code name} is {@code zone} itself or a name below it (both normalized). */
    public static boolean isWithin(String name, String zone) {
        return name.equals(zone) || name.endsWith("." + zone);
    }

    /** The name as Route53 writes it: every character outside {@code a-z 0-9 - _ .} as {@code \ooo}. */
    public static String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                escaped.append(c);
            } else {
                escaped.append('\\').append(String.format("%03o", (int) c));
            }
        }
        return escaped.toString();
    }

    static String unescape(String name) {
        StringBuilder plain = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 3 < name.length() && name.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                plain.append((char) Integer.parseInt(name.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    private static String reversedLabels(String name) {
        String[] labels = name.split("\\.");
        StringBuilder reversed = new StringBuilder(name.length());
        for (int i = labels.length - 1; i >= 0; i--) {
            // \u0001 sorts before every name character, so a parent precedes its children
            reversed.append(labels[i]).append('\u0001');
        }
        return reversed.toString();
    }
}

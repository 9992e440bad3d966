package dev.chatlab.labkit;

import java.util.Locale;

/** The language a person reads the lab in: Korean or English. */
public enum Lang {
    EN, KO;

    /** --lang wins; otherwise LANG/LC_ALL ("ko_KR.UTF-8") or the JVM's locale; English by default. */
    public static Lang resolve(String option) {
        if (option != null && !option.isBlank()) {
            return parse(option);
        }
        for (String variable : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank() && !value.startsWith("C") && !value.startsWith("POSIX")) {
                return value.toLowerCase(Locale.ROOT).startsWith("ko") ? KO : EN;
            }
        }
        return Locale.getDefault().getLanguage().equals("ko") ? KO : EN;
    }

    public static Lang parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "ko", "kr", "korean", "한국어" -> KO;
            case "en", "english" -> EN;
            default -> throw new IllegalArgumentException("--lang must be ko or en, not '" + value + "'");
        };
    }
}

package dev.chatlab.labkit;

/**
 * A sentence in English and Korean. Step scripts write their messages as
 * {@code Text.of("Bucket created", "버킷을 만들었습니다")} next to the code that prints them,
 * so a student reads both languages in one place; {@code %s} placeholders are filled by
 * {@link #format}.
 */
public record Text(String en, String ko) {

    public static Text of(String en, String ko) {
        return new Text(en, ko);
    }

    public String in(Lang lang) {
        return lang == Lang.KO ? ko : en;
    }

    public String format(Lang lang, Object... args) {
        return String.format(in(lang), args);
    }

    /** Fills the placeholders of both languages at once. */
    public Text with(Object... args) {
        return new Text(String.format(en, args), String.format(ko, args));
    }
}

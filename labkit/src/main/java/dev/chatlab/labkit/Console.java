package dev.chatlab.labkit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a person reads: headings, progress lines, results with ✔ ✘ ↷. Colour only on a
 * terminal (and never with NO_COLOR set), so logs and CI output stay plain.
 */
public final class Console {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private final PrintStream out;
    private final boolean colour;
    private final Lang lang;

    public Console(Lang lang) {
        this(new PrintStream(System.out, true, StandardCharsets.UTF_8), System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM")), lang);
    }

    public Console(PrintStream out, boolean colour, Lang lang) {
        this.out = out;
        this.colour = colour;
        this.lang = lang;
    }

    /** The same console (language, colour) writing to {@code other}: lines kept aside to print later in order. */
    public Console printingTo(PrintStream other) {
        return new Console(other, colour, lang);
    }

    /** Prints {@code text} as it is (lines another console kept aside). */
    public void raw(String text) {
        out.print(text);
        out.flush();
    }

    public Lang lang() {
        return lang;
    }

    public void heading(Text text, Object... args) {
        out.println();
        out.println(paint(BOLD, "▶ " + text.format(lang, args)));
    }

    /** One thing the step did or is doing. */
    public void info(Text text, Object... args) {
        out.println("  " + text.format(lang, args));
    }

    public void detail(String line) {
        out.println(paint(DIM, "    " + line));
    }

    public void success(Text text, Object... args) {
        out.println("  " + paint(GREEN, "✔") + " " + text.format(lang, args));
    }

    public void failure(Text text, Object... args) {
        out.println("  " + paint(RED, "✘") + " " + text.format(lang, args));
    }

    public void skipped(Text text, Object... args) {
        out.println("  " + paint(YELLOW, "↷") + " " + text.format(lang, args));
    }

    public void hint(String hint) {
        out.println("      " + paint(YELLOW, "→ " + hint));
    }

    public void plain(String line) {
        out.println(line);
    }

    String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    String green(String text) {
        return paint(GREEN, text);
    }

    String red(String text) {
        return paint(RED, text);
    }

    String yellow(String text) {
        return paint(YELLOW, text);
    }
}

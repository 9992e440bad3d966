package dev.chatlab.localcloud.robustness;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP answer as {@code TestCloud.raw} returns it: status, head and body. */
record RawAnswer(int status, String head, String body, String whole) {

    static RawAnswer of(String whole) {
        int end = whole.indexOf("\r\n\r\n");
        String head = end < 0 ? whole : whole.substring(0, end);
        return new RawAnswer(Integer.parseInt(whole.substring(9, 12)), head, end < 0 ? "" : whole.substring(end + 4), whole);
    }

    /** A header's value (the first), by name in any case. */
    Optional<String> header(String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\s*$").matcher(head);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    String contentType() {
        return header("content-type").orElse("").toLowerCase(Locale.ROOT);
    }

    /** The text of the first {@code <name>} element of the body, if any. */
    Optional<String> xmlElement(String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The value of the first {@code "name": "..."} of a JSON body, if any. */
    Optional<String> jsonField(String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

package dev.chatlab.cli.classroom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who may read and change the class. A report always needs the class code, in a header a web
 * page cannot add without the server's consent (CORS, which this server never gives), and
 * nothing a browser sends for another site changes anything (its Origin or Sec-Fetch-Site
 * says so). On loopback the page and its data need no code, but a Host that is not this
 * machine's is refused: that is DNS rebinding, a foreign page whose name now points here
 * (localcloud's CrossSiteGuard does the same). Open to the network ({@code --bind}), every
 * request needs the code: the page gets it once in its address and keeps it in a
 * same-site-only cookie.
 */
final class RequestGuard {

    static final String CODE_HEADER = "X-Class-Code";
    static final String CODE_COOKIE = "chatlab-class-code";
    static final String CODE_PARAMETER = "code";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ClassCode code;
    private final boolean codeForEverything;

    RequestGuard(ClassCode code, boolean codeForEverything) {
        this.code = code;
        this.codeForEverything = codeForEverything;
    }

    /** A page, a style sheet, a script: also what a link from another site opens. */
    void admitPage(Request request) {
        admit(request, true);
    }

    /** The class's data (the API and its events): only for this server's own page and the lab command. */
    void admitData(Request request) {
        refuseOtherSites(request);
        admit(request, true);
    }

    /** A join or a report: the code in its header, from the lab command (no browser page sends one). */
    void admitChange(Request request) {
        refuseOtherSites(request);
        if (!codeForEverything) {
            requireLocalHost(request);
        }
        requireCode(header(request, CODE_HEADER));
        String type = header(request, HttpHeader.CONTENT_TYPE.asString()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ClassServerError(415, "NotJson", "send the report as application/json");
        }
    }

    /** True when the code came in the address: the page then keeps it in a cookie. */
    boolean codeInAddress(Request request) {
        return code.matches(Request.extractQueryParameters(request).getValue(CODE_PARAMETER));
    }

    String cookie() {
        return CODE_COOKIE + "=" + code.value() + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private void admit(Request request, boolean orCookieOrAddress) {
        Optional<String> given = header(request, CODE_HEADER);
        if (!codeForEverything) {
            requireLocalHost(request);
            if (given.isPresent()) {
                requireCode(given); // not needed here, but a wrong one is a mistake to tell (lab class export --code)
            }
            return;
        }
        if (given.isEmpty() && orCookieOrAddress) {
            given = Optional.ofNullable(Request.extractQueryParameters(request).getValue(CODE_PARAMETER))
                    .or(() -> Request.getCookies(request).stream().filter(c -> c.getName().equals(CODE_COOKIE))
                            .map(HttpCookie::getValue).findFirst());
        }
        requireCode(given);
    }

    private void requireCode(Optional<String> given) {
        if (given.isEmpty()) {
            throw new ClassServerError(401, "NoClassCode", "this class server wants the class code");
        }
        if (!code.matches(given.get())) {
            throw new ClassServerError(401, "WrongClassCode", "that is not this class's code");
        }
    }

    private static void refuseOtherSites(Request request) {
        Optional<String> fetchSite = header(request, "Sec-Fetch-Site");
        if (fetchSite.isPresent() && !fetchSite.get().equals("same-origin") && !fetchSite.get().equals("none")) {
            throw new ClassServerError(403, "OtherSite", "a browser sent this for another site (Sec-Fetch-Site: " + fetchSite.get() + ")");
        }
        Optional<String> origin = header(request, HttpHeader.ORIGIN.asString());
        if (origin.isPresent() && !origin.get().equalsIgnoreCase(ownOrigin(request))) {
            throw new ClassServerError(403, "OtherSite", "a browser sent this for the page " + origin.get());
        }
    }

    private static String ownOrigin(Request request) {
        return request.getHttpURI().getScheme() + "://" + header(request, HttpHeader.HOST.asString()).orElse("");
    }

    private static void requireLocalHost(Request request) {
        String host = Request.getServerName(request).toLowerCase(Locale.ROOT);
        if (!(host.equals("localhost") || host.endsWith(".localhost") || IPV4.matcher(host).matches() || host.startsWith("[")
                || host.contains(":"))) {
            throw new ClassServerError(403, "NotThisMachine", "its Host (" + host + ") is not a name of this machine;"
                    + " a class server on loopback answers only to localhost and IP addresses");
        }
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.getHeaders().get(name));
    }

    static boolean isLoopback(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind " + bindAddress + ": no such address on this machine");
        }
    }
}

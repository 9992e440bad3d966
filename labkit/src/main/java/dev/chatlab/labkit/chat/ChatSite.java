package dev.chatlab.labkit.chat;

import dev.chatlab.labkit.Errors;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.WebClient;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat's website as a browser finds it: the page, the config.js the page loads, and the two
 * URLs config.js gives the client (PROTOCOL.md, "The website"). Read over plain HTTP, with no
 * AWS call and no lab state, so that it works for any chat's URL: a student's, one built in
 * the console, one not made with this kit.
 */
public record ChatSite(URI page, URI configScript, ChatEndpoints endpoints) {

    /** Why a URL is no chat site that can be tested: one line, in both languages. */
    public static final class Unusable extends RuntimeException {
        private final transient Text reason;

        Unusable(Text reason) {
            super(reason.en());
            this.reason = reason;
        }

        public Text reason() {
            return reason;
        }
    }

    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CONFIG_SCRIPT = Pattern.compile("<script[^>]*\\bsrc\\s*=\\s*[\"']([^\"']*config\\.js[^\"']*)[\"']",
            Pattern.CASE_INSENSITIVE);
    /** Comments go first: step 2's placeholder config.js shows the URLs' shape in a comment. */
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|(?m)^[ \\t]*//[^\\n]*", Pattern.DOTALL);

    /**
     * Fetches the page at {@code url} (following redirects, as a browser does), then the config.js
     * it loads, and reads the two URLs from it; throws {@link Unusable} saying what is missing.
     */
    public static ChatSite read(URI url) {
        URI page = url.getRawPath() == null || url.getRawPath().isEmpty() ? url.resolve("/") : url;
        WebClient web = new WebClient(URI.create("http://127.0.0.1:" + portOf(page)));
        HttpResponse<String> answer = fetch(web, page);
        for (int redirects = 0; isRedirect(answer) && redirects < MAX_REDIRECTS; redirects++) {
            page = page.resolve(answer.headers().firstValue("Location").orElseThrow());
            answer = fetch(web, page);
        }
        if (answer.statusCode() != 200) {
            throw new Unusable(Text.of(page + " answered HTTP " + answer.statusCode() + ": give the chat's website URL (on S3: the bucket's website endpoint).",
                    page + "의 응답이 HTTP " + answer.statusCode() + "입니다. 채팅 웹 사이트의 주소(S3에서는 버킷의 웹 사이트 엔드포인트)를 주세요."));
        }
        Matcher script = CONFIG_SCRIPT.matcher(answer.body());
        URI configScript = page.resolve(script.find() ? script.group(1) : "config.js");
        HttpResponse<String> config = fetch(web, configScript);
        if (config.statusCode() != 200) {
            throw new Unusable(Text.of(configScript + " answered HTTP " + config.statusCode()
                            + ": the site has no config.js, so its page cannot know where the chat's APIs are (PROTOCOL.md, The website).",
                    configScript + "의 응답이 HTTP " + config.statusCode()
                            + "입니다. 사이트에 config.js가 없어 페이지가 채팅 API의 주소를 알 수 없습니다(PROTOCOL.md, The website)."));
        }
        URI rest = url(configScript, config.body(), "restUrl", "http");
        URI webSocket = url(configScript, config.body(), "webSocketUrl", "ws");
        return new ChatSite(page, configScript, new ChatEndpoints(webSocket, rest));
    }

    /**
     * What a browser refuses although a Java client does not: an https page may not call
     * http:// or ws:// URLs (mixed content), so such a chat works from tests and not for people.
     */
    public Optional<Text> mixedContent() {
        boolean securePage = "https".equals(page.getScheme());
        boolean plainApi = "http".equals(endpoints.restUrl().getScheme()) || "ws".equals(endpoints.webSocketUrl().getScheme());
        return securePage && plainApi ? Optional.of(Text.of(
                "The page is https, but config.js names an http:// or ws:// URL: browsers block these calls (mixed content). Publish the https:// and wss:// URLs.",
                "페이지는 https인데 config.js가 http:// 또는 ws:// 주소를 가리킵니다. 브라우저가 이 호출을 막습니다(혼합 콘텐츠). https://와 wss:// 주소를 게시하세요."))
                : Optional.empty();
    }

    /** The value of {@code key: "..."} in a config.js (comments left out), without trailing slashes, if it sets one. */
    public static Optional<String> configValue(String script, String key) {
        String code = COMMENTS.matcher(script).replaceAll("");
        Matcher matcher = Pattern.compile("[\"']?" + key + "[\"']?\\s*:\\s*[\"'`]([^\"'`]+)[\"'`]").matcher(code);
        return matcher.find() ? Optional.of(matcher.group(1).replaceAll("/+$", "")) : Optional.empty();
    }

    /** config.js's {@code key} as a URL whose scheme is {@code scheme} or its secure form ({@code https}, {@code wss}). */
    private static URI url(URI configScript, String script, String key, String scheme) {
        String shape = "window.CHAT_CONFIG = { restUrl: \"https://…/dev\", webSocketUrl: \"wss://…/dev\" }";
        String value = configValue(script, key).orElseThrow(() -> new Unusable(Text.of(
                configScript + " sets no " + key + ": it must say " + shape + " (PROTOCOL.md, The website).",
                configScript + "에 " + key + " 값이 없습니다. " + shape + " 모양이어야 합니다(PROTOCOL.md, The website).")));
        try {
            URI parsed = new URI(value);
            if (parsed.getHost() != null && (scheme.equals(parsed.getScheme()) || (scheme + "s").equals(parsed.getScheme()))) {
                return parsed;
            }
        } catch (URISyntaxException e) {
            // said below, as for any other wrong shape
        }
        throw new Unusable(Text.of("config.js's " + key + " is " + value + ", not a " + scheme + "s:// (or " + scheme + "://) URL: it must say " + shape + ".",
                "config.js의 " + key + " 값(" + value + ")은 " + scheme + "s://(또는 " + scheme + "://) 주소가 아닙니다. " + shape + " 모양이어야 합니다."));
    }

    private static HttpResponse<String> fetch(WebClient web, URI url) {
        try {
            return web.get(url);
        } catch (UncheckedIOException e) {
            throw new Unusable(Text.of("Cannot reach " + url + " (" + Errors.networkReason(e.getCause()) + "): is the URL right, and the site public?",
                    url + "에 연결할 수 없습니다(" + Errors.networkReason(e.getCause()) + "). 주소가 맞는지, 사이트가 공개되어 있는지 확인하세요."));
        }
    }

    private static boolean isRedirect(HttpResponse<String> answer) {
        return answer.statusCode() / 100 == 3 && answer.headers().firstValue("Location").isPresent();
    }

    private static int portOf(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}

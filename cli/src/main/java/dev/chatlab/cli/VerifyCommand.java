package dev.chatlab.cli;

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Console;
import dev.chatlab.labkit.Lang;
import dev.chatlab.labkit.ResultTable;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.chat.ChatVerification;
import dev.chatlab.labkit.chat.ChatSite;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lab verify URL}: any deployed chat, tested from the outside through its website URL
 * alone: whoever built it (a student, the console, another kit), wherever (localcloud, AWS,
 * https or not), as long as it follows PROTOCOL.md. It reads the site's config.js and uses
 * only the URLs there, over HTTP and WebSocket: no AWS call, no credentials, no lab state, so
 * it needs no running localcloud of its own.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify a deployed chat from the outside, given only its website URL: config.js, two clients in a fresh room,",
                "the history with CORS, a malformed frame, and (with Chromium) the page in a browser. No AWS calls.",
                "Exit code: 0 all passed, 1 a check failed or the site is no chat, 2 the URL is not an http(s) URL."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URL", description = "the chat's website URL, e.g. http://chat.example.com.s3-website.ap-northeast-2.amazonaws.com/")
    String url;

    @Option(names = "--lang", description = "ko or en (default: from the locale)")
    String lang;

    @Override
    public Integer call() {
        Console console = new Console(Lang.resolve(lang));
        URI site;
        try {
            site = new URI(url.strip());
        } catch (URISyntaxException e) {
            site = null;
        }
        if (site == null || site.getHost() == null || !("http".equals(site.getScheme()) || "https".equals(site.getScheme()))) {
            console.failure(Text.of("%s is not a website URL: give the chat's http:// or https:// address.",
                    "%s은(는) 웹 사이트 주소가 아닙니다. 채팅의 http:// 또는 https:// 주소를 주세요."), url);
            return 2;
        }
        console.heading(Text.of("Verifying the chat at %s (about 20 s with a browser)", "%s의 채팅을 검증합니다(브라우저가 있으면 20초쯤)"), site);
        ChatSite chat;
        try {
            chat = ChatSite.read(site);
        } catch (ChatSite.Unusable unusable) {
            // The reason holds URLs, which may hold a % of their own: it is an argument, never a format.
            console.failure(Text.of("%s", "%s"), unusable.reason().in(console.lang()));
            return 1;
        }
        Checks checks = new Checks(console.lang());
        ChatVerification.check(checks, chat, "verify");
        ResultTable.print(console, checks.results());
        return checks.allPassed() ? 0 : 1;
    }
}

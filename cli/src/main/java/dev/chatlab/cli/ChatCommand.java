package dev.chatlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.chat.ChatConnection;
import dev.chatlab.labkit.chat.ChatEndpoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lab chat --room R --nickname N}: a terminal client of the chat the lab built, handy in
 * a class without browsers. It prints the room's history, then every message as it arrives;
 * each line you type is sent. Ctrl-D (Ctrl-Z on Windows) leaves.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, description = "Chat in a room from the terminal, through the lab's WebSocket and REST APIs.")
final class ChatCommand extends LabCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    @Option(names = "--room", description = "the room (default: ${DEFAULT-VALUE})")
    String room = "general";

    @Option(names = "--nickname", required = true, description = "your name in the room")
    String nickname;

    @Override
    public Integer call() throws Exception {
        ensureCloud();
        try (Lab lab = new Lab(settings(), console())) {
            ChatEndpoints endpoints = ChatEndpoints.discover(lab);
            HttpClient http = HttpClient.newHttpClient();
            printHistory(http, endpoints);
            try (ChatConnection connection = ChatConnection.open(http, endpoints.webSocketUrl(), room, nickname)) {
                console().success(Text.of("Joined %s as %s. Type a message and press Enter; Ctrl-D leaves.",
                        "%s 방에 %s(으)로 들어왔습니다. 메시지를 입력하고 Enter; Ctrl-D 로 나갑니다."), room, nickname);
                Thread printer = new Thread(() -> printIncoming(connection), "chat-printer");
                printer.setDaemon(true);
                printer.start();
                BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = input.readLine(); line != null && connection.isOpen(); line = input.readLine()) {
                    if (!line.isBlank()) {
                        connection.send(room, line);
                    }
                }
            }
        } catch (IllegalStateException e) {
            console().failure(Text.of("%s", "%s"), e.getMessage());
            return 1;
        }
        return 0;
    }

    private void printHistory(HttpClient http, ChatEndpoints endpoints) throws Exception {
        HttpResponse<String> history = http.send(HttpRequest.newBuilder(endpoints.historyUrl(room, 20)).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (history.statusCode() != 200) {
            console().failure(Text.of("The history answered HTTP %d: %s", "기록이 HTTP %d 로 응답했습니다: %s"), history.statusCode(), history.body());
            return;
        }
        for (JsonNode message : new ObjectMapper().readTree(history.body()).path("messages")) {
            print(message);
        }
    }

    private void printIncoming(ChatConnection connection) {
        while (connection.isOpen()) {
            ChatConnection.Frame frame = connection.next(Duration.ofSeconds(1));
            if (frame == null) {
                continue;
            }
            if (frame.type().equals("message")) {
                print(frame.json());
            } else {
                console().failure(Text.of("%s", "%s"), frame.json().path("code").asText() + ": " + frame.json().path("message").asText());
            }
        }
    }

    private void print(JsonNode message) {
        String time = TIME.format(Instant.ofEpochMilli(message.path("sentAt").asLong()));
        console().plain("  [" + time + "] " + message.path("nickname").asText() + ": " + message.path("text").asText());
    }
}

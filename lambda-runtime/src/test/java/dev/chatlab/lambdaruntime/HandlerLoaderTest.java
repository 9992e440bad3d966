package dev.chatlab.lambdaruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Handler setting read as the managed Java runtime reads it: which class and overload it
 * calls, how it reads the event and writes the answer, and the error type and message of each
 * setting it cannot call.
 */
class HandlerLoaderTest {

    // ---- the shapes of handler a function may have ----

    public static class Overloads {
        public String handle(String name) {
            return "one " + name;
        }

        public String handle(String name, Context context) {
            return "two " + name;
        }

        public String handle(Map<String, Object> event, String extra) {
            return "never: (T, String) is no signature the runtime calls";
        }
    }

    public static class ContextBeatsStreams {
        public void handle(InputStream in, OutputStream out) throws IOException {
            out.write("\"streams\"".getBytes(StandardCharsets.UTF_8));
        }

        public String handle(Map<String, Object> event, Context context) {
            return "map " + event.get("name");
        }
    }

    public static class Statics {
        public static int twice(int value) {
            return value * 2;
        }
    }

    public static class Streams {
        public void read(InputStream in) throws IOException {
            in.readAllBytes();
        }
    }

    public static class NoUsableSignature {
        public String handle(Context context, String name) {
            return name;
        }
    }

    public static class Echo implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            in.transferTo(out);
        }
    }

    public static class Greeter implements RequestHandler<Map<String, String>, String> {
        @Override
        public String handleRequest(Map<String, String> event, Context context) {
            return "hello " + (event == null ? "nobody" : event.get("name"));
        }
    }

    public static class Quiet implements RequestHandler<Map<String, String>, Void> {
        @Override
        public Void handleRequest(Map<String, String> event, Context context) {
            return null;
        }
    }

    public abstract static class Base<T> implements RequestHandler<T, Integer> {
    }

    public static class Bound extends Base<List<String>> {
        @Override
        public Integer handleRequest(List<String> event, Context context) {
            return event.size();
        }
    }

    public static class Unbound<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T event, Context context) {
            return "?";
        }
    }

    public static class PathReader implements RequestHandler<APIGatewayProxyRequestEvent, String> {
        @Override
        public String handleRequest(APIGatewayProxyRequestEvent event, Context context) {
            return event.getPath();
        }
    }

    public static class NotAHandler {
    }

    public static class NeedsArgument implements RequestHandler<String, String> {
        public NeedsArgument(String greeting) {
        }

        @Override
        public String handleRequest(String event, Context context) {
            return event;
        }
    }

    public class Inner implements RequestHandler<String, String> {
        @Override
        public String handleRequest(String event, Context context) {
            return event;
        }
    }

    // ---- which overload ----

    @Test
    void method_picksTheLongestSignature_amongThoseTheRuntimeCanCall() throws Throwable {
        assertEquals("\"two ada\"", invoke(name(Overloads.class) + "::handle", "\"ada\""));
    }

    @Test
    void method_trailingContextCountsOneMore_soPojoWithContextBeatsTwoStreams() throws Throwable {
        assertEquals("\"map ada\"", invoke(name(ContextBeatsStreams.class) + "::handle", "{\"name\":\"ada\"}"));
    }

    @Test
    void method_staticMethodIsCalledWithoutAnInstance() throws Throwable {
        assertEquals("42", invoke(name(Statics.class) + "::twice", "21"));
    }

    @Test
    void method_streamWithoutOutputStream_answersNull() throws Throwable {
        assertEquals("null", invoke(name(Streams.class) + "::read", "{}"));
    }

    @Test
    void method_withNoCallableSignature_isRefusedNamingMethodAndClass() {
        HandlerFault fault = assertThrows(HandlerFault.class,
                () -> HandlerLoader.load(name(NoUsableSignature.class) + "::handle", loader()));
        assertEquals("java.lang.Exception", fault.errorType());
        assertEquals("No public method named handle with appropriate method signature found on class "
                + name(NoUsableSignature.class), fault.getMessage());
    }

    @Test
    void method_thatDoesNotExist_isRefusedLikeOneWithoutASignature() {
        HandlerFault fault = assertThrows(HandlerFault.class,
                () -> HandlerLoader.load(name(Greeter.class) + "::greet", loader()));
        assertEquals("No public method named greet with appropriate method signature found on class "
                + name(Greeter.class), fault.getMessage());
    }

    // ---- interface handlers and their types ----

    @Test
    void requestStreamHandler_getsTheEventBytesAndWritesTheAnswer() throws Throwable {
        assertEquals("{\"a\":[1,2]}", invoke(name(Echo.class), "{\"a\":[1,2]}"));
    }

    @Test
    void requestHandler_readsTheEventAsItsInputType_andWritesItsOutputAsJson() throws Throwable {
        assertEquals("\"hello ada\"", invoke(name(Greeter.class), "{\"name\":\"ada\"}"));
    }

    @Test
    void requestHandler_emptyEvent_isNullInput() throws Throwable {
        assertEquals("\"hello nobody\"", invoke(name(Greeter.class), ""));
    }

    @Test
    void requestHandler_voidOutput_answersNull() throws Throwable {
        assertEquals("null", invoke(name(Quiet.class), "{}"));
    }

    @Test
    void requestHandler_typeBoundBySuperclass_isResolved() throws Throwable {
        Type[] types = HandlerLoader.requestHandlerTypes(Bound.class);
        assertEquals(List.class, ((ParameterizedType) types[0]).getRawType());
        assertEquals(Integer.class, types[1]);
        assertEquals("3", invoke(name(Bound.class), "[\"a\",\"b\",\"c\"]"));
    }

    @Test
    void requestHandler_eventClass_isReadWithTheEventsSerializer() throws Throwable {
        assertEquals("\"/rooms/general/messages\"",
                invoke(name(PathReader.class), "{\"path\":\"/rooms/general/messages\",\"httpMethod\":\"GET\"}"));
    }

    @Test
    void requestHandler_withUnboundTypeVariable_isRefused() {
        HandlerFault fault = assertThrows(HandlerFault.class, () -> HandlerLoader.load(name(Unbound.class), loader()));
        assertEquals("Class " + name(Unbound.class)
                + " does not implement RequestHandler with concrete type parameters",
                fault.getMessage());
    }

    @Test
    void eventThatIsNotJsonOfTheInputType_failsWithTheRuntimesParsingMessage() throws Throwable {
        FunctionHandler handler = HandlerLoader.load(name(Greeter.class), loader());
        RuntimeException error = assertThrows(RuntimeException.class, () -> handler.handle(
                new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                        null));
        assertEquals("An error occurred during JSON parsing", error.getMessage());
    }

    // ---- settings the runtime cannot call ----

    @Test
    void classThatDoesNotExist_isClassNotFound() {
        HandlerFault fault = assertThrows(HandlerFault.class,
                () -> HandlerLoader.load("example.Missing::handle", loader()));
        assertEquals("java.lang.ClassNotFoundException", fault.errorType());
        assertEquals("Class not found: example.Missing", fault.getMessage());
    }

    @Test
    void blankSetting_isClassNotFound() {
        HandlerFault fault = assertThrows(HandlerFault.class, () -> HandlerLoader.load(" ", loader()));
        assertEquals("java.lang.ClassNotFoundException", fault.errorType());
    }

    @Test
    void classWithoutAHandlerInterface_isRefusedWithoutMethod() {
        HandlerFault fault = assertThrows(HandlerFault.class,
                () -> HandlerLoader.load(name(NotAHandler.class), loader()));
        assertEquals("Class does not implement an appropriate handler interface: " + name(NotAHandler.class),
                fault.getMessage());
    }

    @Test
    void classWithoutAZeroArgumentConstructor_isRefused() {
        HandlerFault fault = assertThrows(HandlerFault.class,
                () -> HandlerLoader.load(name(NeedsArgument.class), loader()));
        assertEquals("Class " + name(NeedsArgument.class) + " has no public zero-argument constructor",
                fault.getMessage());
    }

    @Test
    void nonStaticInnerClass_isRefusedSayingSo() {
        HandlerFault fault = assertThrows(HandlerFault.class, () -> HandlerLoader.load(name(Inner.class), loader()));
        assertEquals("Class " + name(Inner.class) + " cannot be instantiated because it is a non-static inner class",
                fault.getMessage());
    }

    private static String invoke(String setting, String event) throws Throwable {
        FunctionHandler handler = HandlerLoader.load(setting, loader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String name(Class<?> type) {
        return type.getName();
    }

    private static ClassLoader loader() {
        return HandlerLoaderTest.class.getClassLoader();
    }

    @Test
    void requestHandlerTypes_ofAPlainImplementation_areItsTypeArguments() {
        assertArrayEquals(new Type[] {String.class, String.class},
                HandlerLoader.requestHandlerTypes(NeedsArgument.class));
    }
}

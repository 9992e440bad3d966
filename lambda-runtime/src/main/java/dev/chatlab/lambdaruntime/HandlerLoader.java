package dev.chatlab.lambdaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the function's Handler setting into something to call, with the rules of the managed
 * Java runtime: {@code pkg.Class} must implement RequestHandler or RequestStreamHandler;
 * {@code pkg.Class::method} picks, among the public methods of that name, the one with the
 * longest usable signature (a trailing Context counting one extra), where a usable signature is
 * (), (T), (Context), (T, Context), (InputStream[, OutputStream][, Context]) or (OutputStream[, Context]).
 * Events are read and results written with aws-lambda-java-serialization, as that runtime does:
 * the aws-lambda-java-events classes through LambdaEventSerializers, everything else through
 * its Jackson factory. A handler instance is created once, during init.
 */
final class HandlerLoader {

    private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

    private HandlerLoader() {
    }

    static FunctionHandler load(String handler, ClassLoader loader) throws Throwable {
        if (handler == null || handler.isBlank()) {
            throw new HandlerFault("java.lang.ClassNotFoundException", "Class not found: ");
        }
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? null : handler.substring(separator + 2);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new HandlerFault("java.lang.ClassNotFoundException", "Class not found: " + className);
        }
        if (methodName == null) {
            return loadInterfaceHandler(type, loader);
        }
        return loadMethodHandler(type, methodName, loader);
    }

    private static FunctionHandler loadInterfaceHandler(Class<?> type, ClassLoader loader) throws Throwable {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            RequestStreamHandler instance = (RequestStreamHandler) newInstance(type);
            return instance::handleRequest;
        }
        if (RequestHandler.class.isAssignableFrom(type)) {
            Type[] parameters = requestHandlerTypes(type);
            if (parameters == null) {
                throw new HandlerFault("java.lang.Exception",
                        "Class " + type.getName() + " does not implement RequestHandler with concrete type parameters");
            }
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> instance = (RequestHandler<Object, Object>) newInstance(type);
            return pojo(parameters[0], parameters[1], loader, (input, context) -> instance.handleRequest(input, context));
        }
        throw new HandlerFault("java.lang.Exception", "Class does not implement an appropriate handler interface: " + type.getName());
    }

    private static FunctionHandler loadMethodHandler(Class<?> type, String methodName, ClassLoader loader) throws Throwable {
        List<Method> candidates = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(methodName)) {
                candidates.add(method);
            }
        }
        candidates.sort(Comparator.comparing(Method::isBridge).thenComparing(HandlerLoader::weight, Comparator.reverseOrder()));
        for (Method method : candidates) {
            FunctionHandler usable = fromMethod(type, method, loader);
            if (usable != null) {
                return usable;
            }
        }
        throw new HandlerFault("java.lang.Exception", "No public method named " + methodName
                + " with appropriate method signature found on class " + type.getName());
    }

    /** Longer signatures first; a trailing Context counts as one more parameter. */
    private static int weight(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean endsWithContext = parameters.length > 0 && parameters[parameters.length - 1] == Context.class;
        return parameters.length + (endsWithContext ? 1 : 0);
    }

    /** The handler for one overload, or null when its signature is not one the runtime can call. */
    private static FunctionHandler fromMethod(Class<?> type, Method method, ClassLoader loader) throws Throwable {
        Type[] parameters = method.getGenericParameterTypes();
        Type result = method.getGenericReturnType();
        int count = parameters.length;
        if (count > 3) {
            return null;
        }
        boolean lastIsContext = count > 0 && parameters[count - 1] == Context.class;
        boolean firstIsInput = count > 0 && parameters[0] == InputStream.class;
        boolean firstIsOutput = count > 0 && parameters[0] == OutputStream.class;
        boolean secondIsOutput = count > 1 && parameters[1] == OutputStream.class;
        boolean stream;
        if (count == 3) {
            if (!(firstIsInput && secondIsOutput && lastIsContext)) {
                return null;
            }
            stream = true;
        } else if (count == 2) {
            if (parameters[0] == Context.class) {
                return null;
            }
            if (firstIsInput) {
                if (!secondIsOutput && !lastIsContext) {
                    return null;
                }
                stream = true;
            } else if (firstIsOutput) {
                if (!lastIsContext) {
                    return null;
                }
                stream = true;
            } else {
                if (!lastIsContext) {
                    return null;
                }
                stream = false;
            }
        } else {
            stream = firstIsInput || firstIsOutput;
        }
        Object instance = Modifier.isStatic(method.getModifiers()) ? null : newInstance(type);
        if (stream) {
            return (in, out, context) -> {
                Object[] args = new Object[count];
                for (int i = 0; i < count; i++) {
                    Type parameter = parameters[i];
                    args[i] = parameter == InputStream.class ? in : parameter == OutputStream.class ? out : context;
                }
                call(method, instance, args);
                boolean writesOutput = Arrays.asList(parameters).contains(OutputStream.class);
                if (!writesOutput) {
                    out.write(JSON_NULL);
                }
            };
        }
        boolean takesInput = count > 0 && parameters[0] != Context.class;
        Type inputType = takesInput ? parameters[0] : null;
        return pojo(inputType, result, loader, (input, context) -> {
            Object[] args = new Object[count];
            int index = 0;
            if (takesInput) {
                args[index++] = input;
            }
            if (lastIsContext) {
                args[index] = context;
            }
            return call(method, instance, args);
        });
    }

    /** A POJO handler: the event read as {@code inputType}, the result written as {@code outputType}. */
    private static FunctionHandler pojo(Type inputType, Type outputType, ClassLoader loader, PojoCall call) {
        PojoSerializer<Object> reader = inputType == null ? null : serializerFor(inputType, loader);
        PojoSerializer<Object> writer = isVoid(outputType) ? null : serializerFor(outputType, loader);
        return (in, out, context) -> {
            Object input = null;
            if (reader != null) {
                try {
                    byte[] event = in.readAllBytes();
                    input = event.length == 0 ? null : reader.fromJson(new ByteArrayInputStream(event));
                } catch (Throwable e) {
                    throw new RuntimeException("An error occurred during JSON parsing", e);
                }
            }
            Object output = call.handle(input, context);
            if (writer == null) {
                out.write(JSON_NULL);
                return;
            }
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                writer.toJson(output, buffer);
                buffer.writeTo(out);
            } catch (Throwable e) {
                throw new RuntimeException("An error occurred during JSON serialization of response", e);
            }
        };
    }

    private static final Map<Type, PojoSerializer<Object>> SERIALIZERS = new HashMap<>();

    @SuppressWarnings("unchecked")
    private static synchronized PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        return SERIALIZERS.computeIfAbsent(type, key -> {
            if (key instanceof Class<?> eventClass && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
                return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, loader);
            }
            return JacksonFactory.getInstance().getSerializer(key);
        });
    }

    private static boolean isVoid(Type type) {
        return type == void.class || type == Void.class;
    }

    private static Object call(Method method, Object instance, Object[] args) throws Throwable {
        try {
            return method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }

    private static Object newInstance(Class<?> type) throws Throwable {
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
                throw new HandlerFault("java.lang.Exception",
                        "Class " + type.getName() + " cannot be instantiated because it is a non-static inner class");
            }
            throw new HandlerFault("java.lang.Exception", "Class " + type.getName() + " has no public zero-argument constructor");
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }

    /**
     * The concrete {@code <I, O>} of RequestHandler as the handler class binds them, following
     * superclasses and super-interfaces and substituting type variables on the way; null when a
     * parameter stays an unbounded type variable.
     */
    static Type[] requestHandlerTypes(Class<?> type) {
        Type[] found = search(type, new HashMap<>());
        if (found == null) {
            return null;
        }
        for (int i = 0; i < found.length; i++) {
            if (found[i] instanceof TypeVariable<?> variable) {
                Type[] bounds = variable.getBounds();
                if (bounds.length == 0 || bounds[0] == Object.class) {
                    return null;
                }
                found[i] = bounds[0];
            }
        }
        return found;
    }

    private static Type[] search(Type current, Map<String, Type> bindings) {
        Class<?> raw;
        Map<String, Type> scope = new HashMap<>();
        if (current instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] actual = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                scope.put(variables[i].getName(), resolve(actual[i], bindings));
            }
        } else if (current instanceof Class<?> plain) {
            raw = plain;
        } else {
            return null;
        }
        if (raw == RequestHandler.class) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            if (scope.isEmpty()) {
                return null;
            }
            return new Type[] {scope.get(variables[0].getName()), scope.get(variables[1].getName())};
        }
        List<Type> supers = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supers.add(raw.getGenericSuperclass());
        }
        for (Type parent : supers) {
            Type[] found = search(parent, scope);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Type resolve(Type type, Map<String, Type> bindings) {
        if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable.getName())) {
            return bindings.get(variable.getName());
        }
        return type;
    }

    @FunctionalInterface
    private interface PojoCall {
        Object handle(Object input, Context context) throws Throwable;
    }
}

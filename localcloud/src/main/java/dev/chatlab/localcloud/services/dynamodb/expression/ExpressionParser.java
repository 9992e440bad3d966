package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.services.dynamodb.model.AttributeValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A recursive-descent parser for DynamoDB's expression grammar (developer guide, "Using
 * expressions in DynamoDB"): condition, filter and key-condition expressions share one
 * grammar; projection and update expressions have their own. Placeholders are resolved while
 * parsing, so the trees it returns hold attribute names and values only.
 *
 * <p>Precedence, from strongest: comparators, IN, BETWEEN, functions, parentheses, then NOT,
 * AND, OR.
 */
public final class ExpressionParser {

    public static final String CONDITION = "ConditionExpression";
    public static final String FILTER = "FilterExpression";
    public static final String KEY_CONDITION = "KeyConditionExpression";
    public static final String PROJECTION = "ProjectionExpression";
    public static final String UPDATE = "UpdateExpression";

    private static final Set<String> RESERVED = loadReservedWords();
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");

    /** DynamoDB's limit on any expression parameter: 4 KB. */
    static final int MAX_EXPRESSION_BYTES = 4096;
    /**
     * How deep parentheses and NOTs may nest. DynamoDB documents no such limit (only 4 KB and
     * 300 operators); localcloud parses recursively, so a 4 KB expression of nothing but
     * parentheses would otherwise exhaust the thread's stack.
     */
    static final int MAX_NESTING = 300;

    private final String text;
    private final String kind;
    private final ExpressionAttributes attributes;
    private final List<Token> tokens;
    /** For each "(" token, the index of its ")" (or -1 when unbalanced): parentheses are told apart in one lookup. */
    private final int[] closingParenthesis;
    private int position;
    private int nesting;

    private ExpressionParser(String text, String kind, ExpressionAttributes attributes) {
        if (text.isBlank()) {
            throw AwsException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw AwsException.validation("Invalid " + kind + ": Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        this.text = text;
        this.kind = kind;
        this.attributes = attributes;
        this.tokens = ExpressionLexer.tokenize(text, kind);
        this.closingParenthesis = matchParentheses(tokens);
    }

    private static int[] matchParentheses(List<Token> tokens) {
        int[] closing = new int[tokens.size()];
        Arrays.fill(closing, -1);
        int[] open = new int[tokens.size()];
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("(")) {
                open[depth++] = i;
            } else if (tokens.get(i).is(")") && depth > 0) {
                closing[open[--depth]] = i;
            }
        }
        return closing;
    }

    /** Parses a condition, filter or key-condition expression ({@code kind} names it in errors). */
    public static Condition condition(String text, String kind, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(text, kind, attributes);
        Condition condition = parser.orCondition();
        parser.expectEnd();
        return condition;
    }

    public static List<DocumentPath> projection(String text, ExpressionAttributes attributes) {
        ExpressionParser parser = new ExpressionParser(text, PROJECTION, attributes);
        List<DocumentPath> paths = new ArrayList<>();
        do {
            paths.add(parser.path());
        } while (parser.accept(","));
        parser.expectEnd();
        parser.requireNoOverlap(paths);
        return paths;
    }

    public static UpdateExpression update(String text, ExpressionAttributes attributes) {
        return new ExpressionParser(text, UPDATE, attributes).updateClauses();
    }

    // ---- condition grammar

    private Condition orCondition() {
        Condition left = andCondition();
        while (peek().isKeyword("OR")) {
            position++;
            left = new Condition.Or(left, andCondition());
        }
        return left;
    }

    private Condition andCondition() {
        Condition left = notCondition();
        while (peek().isKeyword("AND")) {
            position++;
            left = new Condition.And(left, notCondition());
        }
        return left;
    }

    private Condition notCondition() {
        if (peek().isKeyword("NOT")) {
            position++;
            deeper();
            Condition negated = new Condition.Not(notCondition());
            nesting--;
            return negated;
        }
        return primaryCondition();
    }

    private Condition primaryCondition() {
        if (peek().is("(") && !opensOperand(position)) {
            if (peekAt(1).is("(") && closingParenthesis[position + 1] >= 0
                    && closingParenthesis[position + 1] + 1 == closingParenthesis[position]) {
                // "((a = :v))": DynamoDB refuses a group that only wraps another group
                throw invalid("The expression has redundant parentheses;");
            }
            position++;
            deeper();
            Condition inner = orCondition();
            expect(")");
            nesting--;
            return inner;
        }
        Token first = peek();
        if (first.kind() == Token.Kind.NAME && peekAt(1).is("(") && !first.text().equals("size")) {
            return function();
        }
        Operand left = conditionOperand();
        Token operator = peek();
        if (operator.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(operator.text())) {
            position++;
            return new Condition.Comparison(left, operator.text(), conditionOperand());
        }
        if (operator.isKeyword("BETWEEN")) {
            position++;
            Operand low = conditionOperand();
            expectKeyword("AND");
            Operand high = conditionOperand();
            checkBounds(low, high);
            return new Condition.Between(left, low, high);
        }
        if (operator.isKeyword("IN")) {
            position++;
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(conditionOperand());
            } while (accept(","));
            expect(")");
            if (candidates.size() > 100) {
                throw invalid("The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return new Condition.In(left, candidates);
        }
        if (left instanceof Operand.Size) {
            throw invalid("The function is not allowed to be used this way in an expression; function: size");
        }
        throw syntaxError(operator);
    }

    /**
     * True when the "(" at {@code index} wraps an operand, as in {@code (size(a)) = :n}: what
     * follows its ")" compares it, where after a condition group comes AND, OR, ")" or the end.
     */
    private boolean opensOperand(int index) {
        int close = closingParenthesis[index];
        if (close < 0 || close + 1 >= tokens.size()) {
            return false;
        }
        Token after = tokens.get(close + 1);
        return (after.kind() == Token.Kind.SYMBOL && COMPARATORS.contains(after.text()))
                || after.isKeyword("BETWEEN") || after.isKeyword("IN");
    }

    /** An operand in parentheses, as in {@code (size(a)) = :n} or {@code SET m = (n + :v)}. */
    private Operand parenthesised(Supplier<Operand> inner) {
        expect("(");
        deeper();
        Operand operand = inner.get();
        expect(")");
        nesting--;
        return operand;
    }

    private void deeper() {
        if (++nesting > MAX_NESTING) {
            throw invalid("The expression nests parentheses or NOT more than " + MAX_NESTING + " levels deep");
        }
    }

    private void checkBounds(Operand low, Operand high) {
        if (low instanceof Operand.Value lo && high instanceof Operand.Value hi) {
            Integer order = Condition.order(lo.value(), hi.value());
            if (order != null && order > 0) {
                throw invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
                        + lo.value() + ", upper bound operand: AttributeValue: " + hi.value());
            }
        }
    }

    private Condition function() {
        Token nameToken = next();
        String name = nameToken.text();
        if (!CONDITION_FUNCTIONS.contains(name)) {
            if (UPDATE_FUNCTIONS.contains(name)) {
                throw invalid("The function is not allowed in a condition expression; function: " + name);
            }
            throw invalid("Invalid function name; function: " + name);
        }
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        do {
            arguments.add(conditionOperand());
        } while (accept(","));
        expect(")");
        int expected = name.startsWith("attribute_") && !name.equals("attribute_type") ? 1 : 2;
        if (arguments.size() != expected) {
            throw invalid("Incorrect number of operands for operator or function; operator or function: " + name + ", number of operands: " + arguments.size());
        }
        if (!(arguments.get(0) instanceof Operand.Path)) {
            throw invalid("Operator or function requires a document path; operator or function: " + name);
        }
        if (name.equals("attribute_type")) {
            if (!(arguments.get(1) instanceof Operand.Value type) || type.value().type() != AttributeValue.Type.S) {
                throw invalid("Incorrect operand type for operator or function; operator or function: attribute_type, operand type: "
                        + (arguments.get(1) instanceof Operand.Value v ? v.value().type() : "PATH"));
            }
            if (!TYPE_NAMES.contains(type.value().s())) {
                throw invalid("Invalid attribute type name found; type: " + type.value().s() + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
            }
        }
        if (name.equals("begins_with") && arguments.get(1) instanceof Operand.Value prefix
                && prefix.value().type() != AttributeValue.Type.S && prefix.value().type() != AttributeValue.Type.B) {
            throw invalid("Incorrect operand type for operator or function; operator or function: begins_with, operand type: " + prefix.value().type());
        }
        return new Condition.Function(name, arguments);
    }

    private Operand conditionOperand() {
        if (peek().is("(")) {
            return parenthesised(this::conditionOperand);
        }
        Token token = peek();
        if (token.kind() == Token.Kind.NAME && peekAt(1).is("(")) {
            if (!token.text().equals("size")) {
                if (CONDITION_FUNCTIONS.contains(token.text()) || UPDATE_FUNCTIONS.contains(token.text())) {
                    throw invalid("The function is not allowed to be used this way in an expression; function: " + token.text());
                }
                throw invalid("Invalid function name; function: " + token.text());
            }
            position += 2;
            Operand argument = conditionOperand();
            expect(")");
            if (!(argument instanceof Operand.Path path)) {
                throw invalid("Operator or function requires a document path; operator or function: size");
            }
            return new Operand.Size(path.path());
        }
        return simpleOperand();
    }

    private Operand simpleOperand() {
        Token token = peek();
        if (token.kind() == Token.Kind.VALUE_REF) {
            position++;
            return new Operand.Value(token.text(), attributes.value(token.text(), kind));
        }
        return new Operand.Path(path());
    }

    // ---- paths

    private DocumentPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            if (accept(".")) {
                elements.add(pathName());
            } else if (accept("[")) {
                Token index = next();
                if (index.kind() != Token.Kind.NUMBER) {
                    throw syntaxError(index);
                }
                try {
                    elements.add(Integer.parseInt(index.text()));
                } catch (NumberFormatException e) {
                    throw invalid("List index is too large; index: " + index.text());
                }
                expect("]");
            } else {
                return new DocumentPath(elements);
            }
        }
    }

    private String pathName() {
        Token token = next();
        if (token.kind() == Token.Kind.NAME_REF) {
            return attributes.name(token.text(), kind);
        }
        if (token.kind() != Token.Kind.NAME) {
            throw syntaxError(token);
        }
        if (RESERVED.contains(token.text().toUpperCase(Locale.ROOT))) {
            throw invalid("Attribute name is a reserved keyword; reserved keyword: " + token.text());
        }
        return token.text();
    }

    // ---- update grammar

    private UpdateExpression updateClauses() {
        List<UpdateExpression.SetAction> sets = new ArrayList<>();
        List<DocumentPath> removes = new ArrayList<>();
        List<UpdateExpression.ValueAction> adds = new ArrayList<>();
        List<UpdateExpression.ValueAction> deletes = new ArrayList<>();
        Set<String> seenClauses = new HashSet<>();
        while (peek().kind() != Token.Kind.END) {
            Token clause = next();
            String name = clause.kind() == Token.Kind.NAME ? clause.text().toUpperCase(Locale.ROOT) : "";
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(name)) {
                throw syntaxError(clause);
            }
            if (!seenClauses.add(name)) {
                throw invalid("The \"" + name + "\" section can only be used once in an update expression;");
            }
            do {
                switch (name) {
                    case "SET" -> {
                        DocumentPath path = path();
                        expect("=");
                        sets.add(new UpdateExpression.SetAction(path, setValue()));
                    }
                    case "REMOVE" -> removes.add(path());
                    default -> {
                        DocumentPath path = path();
                        Token valueToken = next();
                        if (valueToken.kind() != Token.Kind.VALUE_REF) {
                            throw syntaxError(valueToken);
                        }
                        AttributeValue value = attributes.value(valueToken.text(), kind);
                        boolean add = name.equals("ADD");
                        if (add ? !(value.type() == AttributeValue.Type.N || value.type().isSet()) : !value.type().isSet()) {
                            throw invalid("Incorrect operand type for operator or function; operator: " + name + ", operand type: " + longTypeName(value.type()));
                        }
                        (add ? adds : deletes).add(new UpdateExpression.ValueAction(path, value));
                    }
                }
            } while (accept(","));
        }
        UpdateExpression update = new UpdateExpression(sets, removes, adds, deletes);
        requireNoOverlap(update.paths());
        return update;
    }

    private Operand setValue() {
        Operand left = setOperand();
        if (accept("+")) {
            return new Operand.Arithmetic(left, true, setOperand());
        }
        if (accept("-")) {
            return new Operand.Arithmetic(left, false, setOperand());
        }
        return left;
    }

    private Operand setOperand() {
        if (peek().is("(")) {
            return parenthesised(this::setValue);
        }
        Token token = peek();
        if (token.kind() == Token.Kind.NAME && peekAt(1).is("(")) {
            String name = token.text();
            if (!UPDATE_FUNCTIONS.contains(name)) {
                if (CONDITION_FUNCTIONS.contains(name) || name.equals("size")) {
                    throw invalid("The function is not allowed in an update expression; function: " + name);
                }
                throw invalid("Invalid function name; function: " + name);
            }
            position += 2;
            Operand first = setOperand();
            expect(",");
            Operand second = setOperand();
            expect(")");
            if (name.equals("if_not_exists")) {
                if (!(first instanceof Operand.Path path)) {
                    throw invalid("Operator or function requires a document path; operator or function: if_not_exists");
                }
                return new Operand.IfNotExists(path.path(), second);
            }
            for (Operand operand : List.of(first, second)) {
                if (operand instanceof Operand.Value v && v.value().type() != AttributeValue.Type.L) {
                    throw invalid("Incorrect operand type for operator or function; operator or function: list_append, operand type: " + v.value().type());
                }
            }
            return new Operand.ListAppend(first, second);
        }
        return simpleOperand();
    }

    private static String longTypeName(AttributeValue.Type type) {
        return switch (type) {
            case S -> "STRING";
            case N -> "NUMBER";
            case B -> "BINARY";
            case BOOL -> "BOOLEAN";
            case NULL -> "NULL";
            case M -> "MAP";
            case L -> "LIST";
            case SS -> "STRING SET";
            case NS -> "NUMBER SET";
            case BS -> "BINARY SET";
        };
    }

    private void requireNoOverlap(List<DocumentPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                            + paths.get(i).describe() + ", path two: " + paths.get(j).describe());
                }
            }
        }
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(position);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(position + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Token.Kind.END) {
            position++;
        }
        return token;
    }

    private boolean accept(String symbol) {
        if (peek().is(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        Token token = next();
        if (!token.is(symbol)) {
            throw syntaxError(token);
        }
    }

    private void expectKeyword(String keyword) {
        Token token = next();
        if (!token.isKeyword(keyword)) {
            throw syntaxError(token);
        }
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.END) {
            throw syntaxError(peek());
        }
    }

    private AwsException syntaxError(Token token) {
        return ExpressionLexer.syntaxError(kind, token.display(), text, token.position());
    }

    private AwsException invalid(String message) {
        return AwsException.validation("Invalid " + kind + ": " + message);
    }

    private static Set<String> loadReservedWords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = ExpressionParser.class.getResourceAsStream("reserved-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("reserved-words.txt is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> words.add(line.trim()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}

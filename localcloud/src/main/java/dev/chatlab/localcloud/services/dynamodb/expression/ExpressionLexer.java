package dev.chatlab.localcloud.services.dynamodb.expression;

import dev.chatlab.localcloud.core.AwsException;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens: names, #name and :value placeholders, list indexes, operators. */
final class ExpressionLexer {

    private ExpressionLexer() {
    }

    static List<Token> tokenize(String text, String kind) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':') {
                i++;
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                if (i == start + 1) {
                    throw syntaxError(kind, String.valueOf(c), text, start);
                }
                tokens.add(new Token(c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF, text.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, text.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < text.length() && isWordChar(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NAME, text.substring(start, i), start));
            } else if ((c == '<' || c == '>') && i + 1 < text.length() && (text.charAt(i + 1) == '=' || (c == '<' && text.charAt(i + 1) == '>'))) {
                tokens.add(new Token(Token.Kind.SYMBOL, text.substring(i, i + 2), start));
                i += 2;
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), start));
                i++;
            } else {
                throw AwsException.validation("Invalid " + kind + ": Invalid character encountered; character: " + c + ", near: \"" + near(text, start) + "\"");
            }
        }
        tokens.add(new Token(Token.Kind.END, "", text.length()));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    static AwsException syntaxError(String kind, String token, String text, int position) {
        return AwsException.validation("Invalid " + kind + ": Syntax error; token: \"" + token + "\", near: \"" + near(text, position) + "\"");
    }

    private static String near(String text, int position) {
        int from = Math.max(0, position - 10);
        int to = Math.min(text.length(), position + 10);
        return text.substring(from, to).trim();
    }
}

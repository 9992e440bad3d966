package dev.chatlab.localcloud.services.dynamodb.expression;

/** One lexical token of an expression. */
record Token(Kind kind, String text, int position) {

    enum Kind { NAME, NAME_REF, VALUE_REF, NUMBER, SYMBOL, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A bare word matching {@code keyword} case-insensitively (AND, OR, SET, ...). */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    String display() {
        return kind == Kind.END ? "<EOF>" : text;
    }
}

package dev.chatlab.localcloud.protocol.constraints;

import java.util.List;
import java.util.Map;

/**
 * One value of a request's input as the model's shapes see it, whatever carried it: a JSON
 * body, an XML body, query-protocol parameters, or a REST path label, query parameter or header.
 * The checker walks these along the shapes; a member the wire did not send is null.
 */
interface InputValue {

    /** The member named {@code wireName} on the wire, or null when it is absent. */
    InputValue member(String wireName);

    /** A list's elements, in order (empty for anything that is not a list). */
    List<InputValue> elements();

    /** A map's entries, by key (empty for anything that is not a map). */
    Map<String, InputValue> entries();

    /** A scalar's text, or null for a structure, list or map. */
    String text();

    /** True for a JSON number: its text is then the number as sent ("1.5"). A text scalar is false. */
    default boolean isJsonNumber() {
        return false;
    }

    /** True for a JSON string: a number member sent as a string is a type error in JSON, not in XML or a query. */
    default boolean isJsonString() {
        return false;
    }
}

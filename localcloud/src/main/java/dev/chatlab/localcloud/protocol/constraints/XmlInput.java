package dev.chatlab.localcloud.protocol.constraints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** An XML body (the REST-XML protocol: Route53) as {@link InputValue}s: lists are wrapped, as Route53's are. */
record XmlInput(Element element) implements InputValue {

    @Override
    public InputValue member(String wireName) {
        for (Element child : children()) {
            if (wireName.equals(child.getLocalName())) {
                return new XmlInput(child);
            }
        }
        return null;
    }

    @Override
    public List<InputValue> elements() {
        List<InputValue> elements = new ArrayList<>();
        children().forEach(child -> elements.add(new XmlInput(child)));
        return elements;
    }

    @Override
    public Map<String, InputValue> entries() {
        Map<String, InputValue> entries = new LinkedHashMap<>();
        for (Element entry : children()) {
            InputValue key = new XmlInput(entry).member("key");
            InputValue value = new XmlInput(entry).member("value");
            if (key != null && key.text() != null) {
                entries.put(key.text(), value);
            }
        }
        return entries;
    }

    @Override
    public String text() {
        return children().isEmpty() ? element.getTextContent() : null;
    }

    private List<Element> children() {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}

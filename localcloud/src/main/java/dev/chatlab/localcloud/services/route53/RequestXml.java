package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.core.XmlRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A Route53 request body read with the JDK's DOM parser (no DTDs, no external entities).
 * Elements are found by local name, so the 2013-04-01 namespace the SDK writes does not
 * have to be spelled out at every step.
 */
final class RequestXml {

    private final Element element;

    private RequestXml(Element element) {
        this.element = element;
    }

    /** Parses {@code body}, whose root must be {@code expectedRoot} (MalformedInput otherwise, as AWS answers). */
    static RequestXml parse(byte[] body, String expectedRoot) {
        Element root;
        try {
            root = XmlRequests.parseRoot(body);
        } catch (Exception e) {
            throw Route53Errors.malformedInput("Could not parse the request body as XML: expected " + expectedRoot + ".");
        }
        if (!expectedRoot.equals(root.getLocalName())) {
            throw Route53Errors.malformedInput(root.getLocalName() + " is not valid, expected " + expectedRoot);
        }
        return new RequestXml(root);
    }

    Optional<RequestXml> child(String name) {
        return children(name).stream().findFirst();
    }

    List<RequestXml> children(String name) {
        List<RequestXml> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && name.equals(child.getLocalName())) {
                found.add(new RequestXml(child));
            }
        }
        return found;
    }

    /** The text of the child {@code name}, or null when there is no such child. */
    String text(String name) {
        return child(name).map(RequestXml::text).orElse(null);
    }

    String text() {
        return element.getTextContent();
    }

    /** The texts of {@code list}'s children called {@code item}, e.g. {@code <RemoveTagKeys><Key>..}. */
    List<String> texts(String list, String item) {
        return child(list).map(parent -> parent.children(item).stream().map(RequestXml::text).toList()).orElse(List.of());
    }
}

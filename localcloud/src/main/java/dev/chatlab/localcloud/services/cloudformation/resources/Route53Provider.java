package dev.chatlab.localcloud.services.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.chatlab.localcloud.core.Json;
import dev.chatlab.localcloud.core.XmlWriter;
import java.util.Set;
import java.util.UUID;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * AWS::Route53::HostedZone (CreateHostedZone; Ref is the zone's id, NameServers its delegation set)
 * and AWS::Route53::RecordSet (ChangeResourceRecordSets: CREATE, UPSERT on an update, DELETE with
 * the record as it is; Ref is the record's name) through Route53's REST API.
 */
final class Route53Provider extends TypedProvider {

    private static final String API = "/2013-04-01";
    private static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

    private final boolean zone;

    private Route53Provider(boolean zone) {
        super(zone ? "AWS::Route53::HostedZone" : "AWS::Route53::RecordSet",
                zone ? Set.of("Name", "VPCs") : Set.of("HostedZoneId", "HostedZoneName", "Name", "Type", "SetIdentifier"),
                zone ? Set.of("Id", "NameServers") : Set.of());
        this.zone = zone;
    }

    static Route53Provider hostedZone() {
        return new Route53Provider(true);
    }

    static Route53Provider recordSet() {
        return new Route53Provider(false);
    }

    @Override
    public Provisioned create(ResourceRequest request) {
        if (!zone) {
            change(request, "CREATE", request.properties());
            return Provisioned.of(request.required("Name"));
        }
        XmlWriter xml = XmlWriter.document("CreateHostedZoneRequest", NAMESPACE)
                .element("Name", request.required("Name"))
                .element("CallerReference", UUID.randomUUID().toString());
        String comment = request.properties().path("HostedZoneConfig").path("Comment").asText(null);
        if (comment != null) {
            xml.start("HostedZoneConfig").element("Comment", comment).end();
        }
        Element answer = call(request, "POST", API + "/hostedzone", xml.toString());
        String id = ServiceCalls.text(answer, "Id").replace("/hostedzone/", "");
        ArrayNode servers = Json.array();
        NodeList names = answer.getElementsByTagNameNS("*", "NameServer");
        for (int i = 0; i < names.getLength(); i++) {
            servers.add(names.item(i).getTextContent().trim());
        }
        Provisioned provisioned = Provisioned.of(id).with("Id", id);
        provisioned.attributes().set("NameServers", servers);
        return provisioned;
    }

    @Override
    public Provisioned update(ResourceRequest request, Provisioned current, JsonNode previousProperties) {
        if (!zone) {
            change(request, "UPSERT", request.properties());
        }
        return current;
    }

    @Override
    public void delete(ResourceRequest request, Provisioned current) {
        if (zone) {
            call(request, "DELETE", API + "/hostedzone/" + current.physicalId(), null);
        } else {
            change(request, "DELETE", request.properties());
        }
    }

    private static void change(ResourceRequest request, String action, JsonNode record) {
        XmlWriter xml = XmlWriter.document("ChangeResourceRecordSetsRequest", NAMESPACE).start("ChangeBatch").start("Changes")
                .start("Change").element("Action", action).start("ResourceRecordSet")
                .element("Name", record.path("Name").asText())
                .element("Type", record.path("Type").asText())
                .element("SetIdentifier", record.path("SetIdentifier").asText(null))
                .element("Weight", record.path("Weight").asText(null));
        JsonNode alias = record.get("AliasTarget");
        if (alias != null) {
            xml.start("AliasTarget").element("HostedZoneId", alias.path("HostedZoneId").asText())
                    .element("DNSName", alias.path("DNSName").asText())
                    .element("EvaluateTargetHealth", alias.path("EvaluateTargetHealth").asBoolean(false)).end();
        } else {
            xml.element("TTL", record.path("TTL").asText(null)).start("ResourceRecords");
            record.path("ResourceRecords").forEach(value -> xml.start("ResourceRecord").element("Value", value.asText()).end());
            xml.end();
        }
        xml.end().end().end().end();
        call(request, "POST", API + "/hostedzone/" + zoneId(request, record) + "/rrset", xml.toString());
    }

    /** HostedZoneId, or the zone of HostedZoneName (ListHostedZonesByName). */
    private static String zoneId(ResourceRequest request, JsonNode record) {
        if (record.hasNonNull("HostedZoneId")) {
            return record.get("HostedZoneId").asText().replace("/hostedzone/", "");
        }
        String name = record.path("HostedZoneName").asText();
        Element answer = request.calls().restXml("route53", "Route53", "GET", API + "/hostedzonesbyname",
                "dnsname=" + ServiceCalls.encode(name) + "&maxitems=1", null);
        Element found = (Element) ServiceCalls.first(answer, "HostedZone");
        if (found == null || !ServiceCalls.text(found, "Name").equalsIgnoreCase(name.endsWith(".") ? name : name + ".")) {
            throw ResourceFailure.invalidProperty("No hosted zone found with name " + name);
        }
        return ServiceCalls.text(found, "Id").replace("/hostedzone/", "");
    }

    private static Element call(ResourceRequest request, String method, String path, String body) {
        return request.calls().restXml("route53", "Route53", method, path, "", body);
    }
}

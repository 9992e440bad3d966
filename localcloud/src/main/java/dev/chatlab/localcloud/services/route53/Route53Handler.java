package dev.chatlab.localcloud.services.route53;

import dev.chatlab.localcloud.core.AwsException;
import dev.chatlab.localcloud.core.XmlWriter;
import dev.chatlab.localcloud.http.AwsRequest;
import dev.chatlab.localcloud.http.AwsResponse;
import dev.chatlab.localcloud.protocol.constraints.InputValidator;
import dev.chatlab.localcloud.protocol.ErrorRenderer;
import dev.chatlab.localcloud.protocol.ServiceHandler;
import dev.chatlab.localcloud.protocol.sigv4.AuthDialect;
import dev.chatlab.localcloud.services.route53.model.AliasTarget;
import dev.chatlab.localcloud.services.route53.model.Change;
import dev.chatlab.localcloud.services.route53.model.ChangeInfo;
import dev.chatlab.localcloud.services.route53.model.CreatedZone;
import dev.chatlab.localcloud.services.route53.model.HostedZone;
import dev.chatlab.localcloud.services.route53.model.Page;
import dev.chatlab.localcloud.services.route53.model.ResourceRecordSet;
import dev.chatlab.localcloud.services.route53.model.Tag;
import dev.chatlab.localcloud.services.route53.model.ZoneSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Route53's REST-XML protocol under {@code /2013-04-01/}: the SDK signs it as "route53"
 * (region us-east-1, as for every global service). Ids go out in AWS's long form
 * ({@code /hostedzone/Z0...}, {@code /change/C0...}), which the SDK shortens; either form is
 * accepted in a path.
 */
public final class Route53Handler implements ServiceHandler {

    static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";
    private static final String API = "2013-04-01";
    private static final int MAX_ZONES_PER_PAGE = 100;
    private static final int MAX_RECORD_SETS_PER_PAGE = 300;

    private final Route53Service service;
    private final String baseUrl;

    /** @param baseUrl where this cloud answers, for the Location header of a new zone */
    public Route53Handler(Route53Service service, String baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
    }

    @Override
    public Set<String> signingNames() {
        return Set.of("route53");
    }

    /** Route53 refuses input that breaks its model's constraints with this error. */
    private static final InputValidator INPUT = InputValidator.of(message -> new AwsException("InvalidInput", 400, message), "route53")
            .withPathLabels(id -> id.replaceFirst("^/(hostedzone|change|delegationset)/", ""));

    @Override
    public void checkInput(AwsRequest request) {
        INPUT.check(request);
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        try {
            return dispatch(request);
        } catch (AwsException e) {
            return renderError(e, request);
        }
    }

    /** An unsigned call to Route53's API (answered MissingAuthenticationToken), not an S3 bucket named "2013-04-01". */
    @Override
    public boolean ownsEndpoint(AwsRequest request) {
        return request.rawPath().startsWith("/2013-04-01/");
    }

    @Override
    public AuthDialect authDialect() {
        return AuthDialect.QUERY;
    }

    @Override
    public AwsResponse renderError(AwsException e, AwsRequest request) {
        return ErrorRenderer.errorResponse(e, request.requestId(), NAMESPACE);
    }

    private AwsResponse dispatch(AwsRequest request) {
        List<String> path = segments(request.rawPath());
        String method = request.method();
        if (path.size() >= 2 && path.get(0).equals(API)) {
            String resource = path.get(1);
            int size = path.size();
            if (resource.equals("hostedzone")) {
                if (size == 2 && method.equals("POST")) {
                    return createHostedZone(request);
                }
                if (size == 2 && method.equals("GET")) {
                    return listHostedZones(request);
                }
                if (size == 3 && method.equals("GET")) {
                    return getHostedZone(path.get(2));
                }
                if (size == 3 && method.equals("DELETE")) {
                    return changeInfoResponse("DeleteHostedZoneResponse", service.deleteHostedZone(path.get(2)));
                }
                if (size == 4 && path.get(3).equals("rrset") && method.equals("POST")) {
                    return changeResourceRecordSets(path.get(2), request);
                }
                if (size == 4 && path.get(3).equals("rrset") && method.equals("GET")) {
                    return listResourceRecordSets(path.get(2), request);
                }
            }
            if (resource.equals("hostedzonesbyname") && size == 2 && method.equals("GET")) {
                return listHostedZonesByName(request);
            }
            if (resource.equals("change") && size == 3 && method.equals("GET")) {
                return changeInfoResponse("GetChangeResponse", service.getChange(path.get(2)));
            }
            if (resource.equals("tags") && size == 4 && method.equals("POST")) {
                return changeTags(path.get(2), path.get(3), request);
            }
            if (resource.equals("tags") && size == 4 && method.equals("GET")) {
                return listTags(path.get(2), path.get(3));
            }
            if (resource.equals("tags") && size == 3 && method.equals("POST")) {
                return listTagsForResources(path.get(2), request);
            }
            if (resource.equals("hostedzonecount") && size == 2 && method.equals("GET")) {
                return AwsResponse.xml(200, XmlWriter.document("GetHostedZoneCountResponse", NAMESPACE)
                        .element("HostedZoneCount", service.hostedZoneCount()).toString());
            }
        }
        throw new AwsException("UnsupportedOperation", 400, "localcloud's Route53 does not provide " + method + " " + request.rawPath()
                + " (see services/route53/README.md for the operations it provides).");
    }

    // Operations

    private AwsResponse createHostedZone(AwsRequest request) {
        RequestXml body = RequestXml.parse(request.body(), "CreateHostedZoneRequest");
        RequestXml config = body.child("HostedZoneConfig").orElse(null);
        CreatedZone created = service.createHostedZone(
                body.text("Name"),
                body.text("CallerReference"),
                config == null ? null : config.text("Comment"),
                body.child("VPC").isPresent() || (config != null && "true".equals(config.text("PrivateZone"))),
                body.text("DelegationSetId"));
        XmlWriter xml = XmlWriter.document("CreateHostedZoneResponse", NAMESPACE);
        writeZone(xml, created.zone());
        writeChangeInfo(xml, created.change());
        writeDelegationSet(xml, created.zone().zone());
        return AwsResponse.xml(201, xml.toString())
                .header("Location", baseUrl + "/" + API + "/hostedzone/" + created.zone().zone().id());
    }

    private AwsResponse getHostedZone(String id) {
        ZoneSummary zone = service.getHostedZone(id);
        XmlWriter xml = XmlWriter.document("GetHostedZoneResponse", NAMESPACE);
        writeZone(xml, zone);
        writeDelegationSet(xml, zone.zone());
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse listHostedZones(AwsRequest request) {
        Map<String, String> query = request.queryParams();
        int maxItems = maxItems(query, MAX_ZONES_PER_PAGE);
        Page<ZoneSummary> page = service.listHostedZones(query.get("marker"), maxItems);
        XmlWriter xml = XmlWriter.document("ListHostedZonesResponse", NAMESPACE);
        writeZones(xml, page);
        xml.element("Marker", query.get("marker"))
                .element("IsTruncated", page.isTruncated());
        if (page.isTruncated()) {
            xml.element("NextMarker", page.next().zone().id());
        }
        xml.element("MaxItems", maxItems);
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse listHostedZonesByName(AwsRequest request) {
        Map<String, String> query = request.queryParams();
        int maxItems = maxItems(query, MAX_ZONES_PER_PAGE);
        Page<ZoneSummary> page = service.listHostedZonesByName(query.get("dnsname"), query.get("hostedzoneid"), maxItems);
        XmlWriter xml = XmlWriter.document("ListHostedZonesByNameResponse", NAMESPACE);
        writeZones(xml, page);
        xml.element("DNSName", query.get("dnsname"))
                .element("HostedZoneId", query.get("hostedzoneid"))
                .element("IsTruncated", page.isTruncated());
        if (page.isTruncated()) {
            xml.element("NextDNSName", DnsNames.escape(page.next().zone().name()))
                    .element("NextHostedZoneId", page.next().zone().id());
        }
        xml.element("MaxItems", maxItems);
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse changeResourceRecordSets(String zoneId, AwsRequest request) {
        RequestXml body = RequestXml.parse(request.body(), "ChangeResourceRecordSetsRequest");
        RequestXml batch = body.child("ChangeBatch")
                .orElseThrow(() -> Route53Errors.invalidInput("Invalid request: ChangeBatch is required."));
        List<Change> changes = new ArrayList<>();
        for (RequestXml change : batch.child("Changes").map(list -> list.children("Change")).orElse(List.of())) {
            changes.add(new Change(action(change.text("Action")), recordSet(change.child("ResourceRecordSet")
                    .orElseThrow(() -> Route53Errors.invalidInput("Invalid request: a Change needs a ResourceRecordSet.")))));
        }
        return changeInfoResponse("ChangeResourceRecordSetsResponse",
                service.changeResourceRecordSets(zoneId, batch.text("Comment"), changes));
    }

    private AwsResponse listResourceRecordSets(String zoneId, AwsRequest request) {
        Map<String, String> query = request.queryParams();
        int maxItems = maxItems(query, MAX_RECORD_SETS_PER_PAGE);
        Page<ResourceRecordSet> page = service.listResourceRecordSets(zoneId, query.get("name"), query.get("type"), maxItems);
        XmlWriter xml = XmlWriter.document("ListResourceRecordSetsResponse", NAMESPACE).start("ResourceRecordSets");
        page.items().forEach(set -> writeRecordSet(xml, set));
        xml.end().element("IsTruncated", page.isTruncated());
        if (page.isTruncated()) {
            xml.element("NextRecordName", DnsNames.escape(page.next().name()))
                    .element("NextRecordType", page.next().type());
        }
        xml.element("MaxItems", maxItems);
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse changeTags(String resourceType, String resourceId, AwsRequest request) {
        RequestXml body = RequestXml.parse(request.body(), "ChangeTagsForResourceRequest");
        List<Tag> add = body.child("AddTags").map(list -> list.children("Tag")).orElse(List.of()).stream()
                .map(tag -> new Tag(tag.text("Key"), tag.text("Value")))
                .toList();
        List<String> remove = body.texts("RemoveTagKeys", "Key");
        if (add.size() > 10 || remove.size() > 10) {
            throw Route53Errors.invalidInput("Invalid request: AddTags and RemoveTagKeys take at most 10 entries each.");
        }
        service.changeTags(resourceType, resourceId, add, remove);
        return AwsResponse.xml(200, XmlWriter.document("ChangeTagsForResourceResponse", NAMESPACE).toString());
    }

    private AwsResponse listTags(String resourceType, String resourceId) {
        XmlWriter xml = XmlWriter.document("ListTagsForResourceResponse", NAMESPACE);
        writeTagSet(xml, resourceType, resourceId, service.listTags(resourceType, resourceId));
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse listTagsForResources(String resourceType, AwsRequest request) {
        List<String> ids = RequestXml.parse(request.body(), "ListTagsForResourcesRequest").texts("ResourceIds", "ResourceId");
        if (ids.isEmpty() || ids.size() > 10) {
            throw Route53Errors.invalidInput("Invalid request: ResourceIds must name 1 to 10 resources.");
        }
        XmlWriter xml = XmlWriter.document("ListTagsForResourcesResponse", NAMESPACE).start("ResourceTagSets");
        for (String id : ids) {
            writeTagSet(xml, resourceType, id, service.listTags(resourceType, id));
        }
        return AwsResponse.xml(200, xml.toString());
    }

    private static void writeTagSet(XmlWriter xml, String resourceType, String resourceId, List<Tag> tags) {
        xml.start("ResourceTagSet")
                .element("ResourceType", resourceType)
                .element("ResourceId", RecordSetChanges.stripPrefix(resourceId))
                .start("Tags");
        tags.forEach(tag -> xml.start("Tag").element("Key", tag.key()).element("Value", tag.value()).end());
        xml.end().end();
    }

    // Reading requests

    private static Change.Action action(String text) {
        return Arrays.stream(Change.Action.values())
                .filter(action -> action.name().equals(text))
                .findFirst()
                .orElseThrow(() -> Route53Errors.invalidInput("Invalid request: Action must be CREATE, DELETE or UPSERT, not '" + text + "'."));
    }

    private static ResourceRecordSet recordSet(RequestXml xml) {
        for (String routing : List.of("SetIdentifier", "Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer",
                "HealthCheckId", "TrafficPolicyInstanceId", "CidrRoutingConfig", "GeoProximityLocation")) {
            if (xml.child(routing).isPresent()) {
                throw Route53Errors.invalidInput("Invalid request: localcloud supports simple routing only; " + routing
                        + " (weighted, latency, geolocation, failover, multivalue routing and health checks) is not provided.");
            }
        }
        String ttl = xml.text("TTL");
        List<String> values = xml.child("ResourceRecords")
                .map(list -> list.children("ResourceRecord").stream().map(record -> record.text("Value")).toList())
                .orElse(List.of());
        if (values.stream().anyMatch(value -> value == null)) {
            throw Route53Errors.invalidInput("Invalid request: a ResourceRecord needs a Value.");
        }
        AliasTarget alias = xml.child("AliasTarget").map(Route53Handler::aliasTarget).orElse(null);
        return new ResourceRecordSet(required(xml.text("Name"), "Name"), required(xml.text("Type"), "Type"),
                ttl == null ? null : number(ttl, "TTL"), values, alias);
    }

    private static AliasTarget aliasTarget(RequestXml xml) {
        String evaluate = required(xml.text("EvaluateTargetHealth"), "AliasTarget/EvaluateTargetHealth");
        return new AliasTarget(required(xml.text("HostedZoneId"), "AliasTarget/HostedZoneId"),
                required(xml.text("DNSName"), "AliasTarget/DNSName"), Boolean.parseBoolean(evaluate.trim()));
    }

    private static String required(String value, String name) {
        if (value == null) {
            throw Route53Errors.invalidInput("Invalid request: " + name + " is required.");
        }
        return value.trim();
    }

    private static long number(String text, String name) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw Route53Errors.invalidInput("Invalid request: " + name + " must be between 0 and 2147483647.");
            }
            return value;
        } catch (NumberFormatException e) {
            throw Route53Errors.invalidInput("Invalid request: " + name + " must be a number, not '" + text + "'.");
        }
    }

    private static int maxItems(Map<String, String> query, int limit) {
        String text = query.get("maxitems");
        if (text == null || text.isEmpty()) {
            return limit;
        }
        long value = number(text, "maxitems");
        if (value < 1) {
            throw Route53Errors.invalidInput("Invalid request: maxitems must be at least 1.");
        }
        return (int) Math.min(value, limit);
    }

    /** The decoded path segments: a zone id the SDK sent as "%2Fhostedzone%2FZ0..." stays one segment. */
    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(AwsRequest.decodePathSegment(raw));
            }
        }
        return segments;
    }

    // Writing answers

    private static AwsResponse changeInfoResponse(String root, ChangeInfo change) {
        XmlWriter xml = XmlWriter.document(root, NAMESPACE);
        writeChangeInfo(xml, change);
        return AwsResponse.xml(200, xml.toString());
    }

    private static void writeZones(XmlWriter xml, Page<ZoneSummary> page) {
        xml.start("HostedZones");
        page.items().forEach(zone -> writeZone(xml, zone));
        xml.end();
    }

    private static void writeZone(XmlWriter xml, ZoneSummary summary) {
        HostedZone zone = summary.zone();
        xml.start("HostedZone")
                .element("Id", "/hostedzone/" + zone.id())
                .element("Name", DnsNames.escape(zone.name()))
                .element("CallerReference", zone.callerReference())
                .start("Config")
                .element("Comment", zone.comment())
                .element("PrivateZone", false)
                .end()
                .element("ResourceRecordSetCount", summary.recordSetCount())
                .end();
    }

    private static void writeDelegationSet(XmlWriter xml, HostedZone zone) {
        xml.start("DelegationSet").start("NameServers");
        zone.nameServers().forEach(server -> xml.element("NameServer", server.substring(0, server.length() - 1)));
        xml.end().end();
    }

    private static void writeChangeInfo(XmlWriter xml, ChangeInfo change) {
        xml.start("ChangeInfo")
                .element("Id", "/change/" + change.id())
                .element("Status", change.status().name())
                .element("SubmittedAt", change.submittedAt().toString())
                .element("Comment", change.comment())
                .end();
    }

    private static void writeRecordSet(XmlWriter xml, ResourceRecordSet set) {
        xml.start("ResourceRecordSet")
                .element("Name", DnsNames.escape(set.name()))
                .element("Type", set.type());
        if (set.isAlias()) {
            xml.start("AliasTarget")
                    .element("HostedZoneId", set.aliasTarget().hostedZoneId())
                    .element("DNSName", DnsNames.escape(set.aliasTarget().dnsName()))
                    .element("EvaluateTargetHealth", set.aliasTarget().evaluateTargetHealth())
                    .end();
        } else {
            xml.element("TTL", set.ttl()).start("ResourceRecords");
            set.values().forEach(value -> xml.start("ResourceRecord").element("Value", value).end());
            xml.end();
        }
        xml.end();
    }
}

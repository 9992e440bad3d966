///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS software.amazon.awssdk:bom:2.40.2@pom
//DEPS software.amazon.awssdk:route53
//DEPS software.amazon.awssdk:s3
//DEPS dnsjava:dnsjava:3.6.3
//DEPS dev.chatlab:labkit:0.1.0
//DESCRIPTION Step 3: a Route53 hosted zone for the lab's domain and an alias record for the S3 website.

import dev.chatlab.labkit.Checks;
import dev.chatlab.labkit.Lab;
import dev.chatlab.labkit.LabStep;
import dev.chatlab.labkit.Outcome;
import dev.chatlab.labkit.StepRunner;
import dev.chatlab.labkit.Text;
import dev.chatlab.labkit.Todo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Step 3 of the seed: "Route53을 통해 도메인 부여 — 레코드 세트 생성 → 버킷 등록".
 * An alias A record named like the bucket answers with the S3 website endpoint's addresses.
 */
public class CreateHostedZone implements LabStep {

    /**
     * The hosted zone of the S3 website endpoints of each region: an alias to an S3 website
     * must name it (AWS's "Amazon S3 website endpoints" table). The lab's region is what counts.
     */
    static final Map<String, String> S3_WEBSITE_ZONE_IDS = Map.ofEntries(
            Map.entry("ap-northeast-2", "Z3W03O7B5YMIYP"),
            Map.entry("ap-northeast-1", "Z2M4EHUR26P7ZW"),
            Map.entry("ap-southeast-1", "Z3O0J2DXBE1FTB"),
            Map.entry("ap-southeast-2", "Z1WCIGYICN2BYD"),
            Map.entry("ap-south-1", "Z11RGJOFQNVJUP"),
            Map.entry("us-east-1", "Z3AQBSTGFYJSTF"),
            Map.entry("us-east-2", "Z2O1EMRO9K5GLX"),
            Map.entry("us-west-1", "Z2F56UZL2M1ACD"),
            Map.entry("us-west-2", "Z3BJ6K6RIION7M"),
            Map.entry("ca-central-1", "Z1QDHH18159H29"),
            Map.entry("sa-east-1", "Z7KQH4QJS55SO"),
            Map.entry("eu-west-1", "Z1BKCTXD74EZPE"),
            Map.entry("eu-west-2", "Z3GKZC51ZF0DB4"),
            Map.entry("eu-west-3", "Z3R1K369G5AVDG"),
            Map.entry("eu-central-1", "Z21DNDUVLTQW6Q"));

    public static void main(String[] args) {
        StepRunner.main(new CreateHostedZone(), args);
    }

    @Override
    public int number() {
        return 3;
    }

    @Override
    public Text title() {
        return Text.of("A domain name for the site (Route53 alias)", "Route53으로 사이트에 도메인 붙이기 (별칭 레코드)");
    }

    @Override
    public void run(Lab lab) {
        String domain = lab.names().domain();
        if (domain == null) {
            lab.console().skipped(noDomain());
            return;
        }
        Route53Client route53 = lab.client(Route53Client.builder());
        Optional<HostedZone> existing = findZone(route53, domain);
        HostedZone zone = existing.orElseGet(() -> createZone(route53, domain, lab.names().prefix()));
        if (existing.isEmpty()) {
            // Only a zone the lab created carries its tag: ./lab teardown must never delete a zone you had before.
            route53.changeTagsForResource(b -> b.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId(zone))
                    .addTags(lab.names().tags().entrySet().stream()
                    .map(e -> Tag.builder()
                            .key(e.getKey()).value(e.getValue()).build()).toList()));
        }
        lab.done(Text.of("Hosted zone %s (%s), name servers %s", "호스팅 영역 %s (%s), 네임 서버 %s"), domain, zoneId(zone),
                String.join(", ", nameServers(route53, zone)));
        String host = lab.names().siteHost();
        Change alias = aliasToWebsite(host, lab.region().id());
        if (aRecord(route53, zoneId(zone), host).filter(current -> sameAlias(current, alias.resourceRecordSet()))
                .isPresent()) {
            // An UPSERT that changes nothing is still a change Route53 spreads to its name servers: seconds of waiting
            // for nothing.
            lab.done(Text.of("The record %s is already in place: nothing to change", "레코드 %s는 이미 그대로입니다: 바꿀 것 없음"),
                    host);
        } else {
            String changeId = submitChange(route53, zoneId(zone), alias);
            lab.waitFor(Text.of("the record to be in sync on the name servers", "레코드가 네임 서버에 반영되기"),
                    () -> route53.waiter().waitUntilResourceRecordSetsChanged(b -> b.id(changeId), lab.polling()));
        }
        Optional<ResourceRecordSet> record = aRecord(route53, zoneId(zone), host);
        if (record.isPresent() && record.get().aliasTarget() != null) {
            lab.done(Text.of("Record read back: %s A, alias to %s in hosted zone %s",
                    "다시 읽은 레코드: %s A, 별칭 대상 %s (호스팅 영역 %s)"),
                    host, record.get().aliasTarget().dnsName(), record.get().aliasTarget().hostedZoneId());
        } else {
            lab.console().failure(Text.of("Read back: the zone holds no alias A record named %s",
                    "다시 읽어 보니 영역에 %s 이름의 별칭 A 레코드가 없습니다"), host);
        }
        lab.say(Text.of("The site is http://%s/ wherever this zone is the domain's DNS.",
                "이 영역이 도메인의 DNS인 곳에서 사이트 주소는 http://%s/ 입니다."), host);
    }

    /** The S3 website endpoint's hosted zone in {@code region}; a region missing from the table is said plainly. */
    static String websiteZoneId(String region) {
        String zone = S3_WEBSITE_ZONE_IDS.get(region);
        if (zone == null) {
            throw new IllegalStateException("no S3 website hosted zone id known for " + region
                    + ": find it in AWS's \"Amazon S3 website endpoints\" table and add it to S3_WEBSITE_ZONE_IDS");
        }
        return zone;
    }

    static Text noDomain() {
        return Text.of("No domain: give the lab a domain you own with --domain (its NS records must point at the "
                + "zone). Skipping step 3.",
                "도메인이 없습니다: 소유한 도메인을 --domain으로 알려 주세요 (그 도메인의 NS 레코드가 영역을 가리켜야 합니다). 3단계를 건너뜁니다.");
    }

    static Optional<HostedZone> findZone(Route53Client route53, String domain) {
        String dnsName = domain + ".";
        return route53.listHostedZonesByName(b -> b.dnsName(dnsName).maxItems("1")).hostedZones().stream()
                .filter(zone -> zone.name().equals(dnsName))
                .findFirst();
    }

    static HostedZone createZone(Route53Client route53, String domain, String prefix) {
        // CallerReference makes this one call safe to retry (the SDK's retry sends the same reference, which
        // never creates a second zone). Route53 never takes a reference twice, even after the zone is deleted,
        // so it carries the time: after a teardown the step creates the zone anew (findZone covers reruns).
        String reference = prefix + "-" + domain + "-" + System.currentTimeMillis();
        return route53.createHostedZone(b -> b.name(domain).callerReference(reference)
                .hostedZoneConfig(c -> c.comment("Serverless Chat Lab"))).hostedZone();
    }

    static String zoneId(HostedZone zone) {
        return zone.id().replace("/hostedzone/", "");
    }

    /**
     * Sends one change to the zone in a change batch and answers the change's id, which
     * Route53 reports PENDING until every name server has it (then INSYNC).
     */
    static String submitChange(Route53Client route53, String zoneId, Change change) {
        // TODO(step3): Send `change` to the hosted zone `zoneId` with ChangeResourceRecordSets (its
        //   ChangeBatch holds a list of changes and an optional comment) and return the id of the
        //   ChangeInfo it answers, which the step then waits for. Look up ChangeResourceRecordSetsRequest
        //   and ChangeBatch.
        // TODO-ko: ChangeResourceRecordSets로 `change`를 호스팅 영역 `zoneId`에 보내고(ChangeBatch에 변경 목록과 선택 사항인
        //   설명이 들어갑니다) 응답한 ChangeInfo의 ID를 반환하세요. 단계는 그 ID로 반영을 기다립니다. ChangeResourceRecordSetsRequest와
        //   ChangeBatch를 찾아보세요.
        // BEGIN SOLUTION
        return route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId)
                .changeBatch(c -> c.comment("Serverless Chat Lab: the site's name").changes(change))).changeInfo()
                .id();
        // END SOLUTION
    }

    /** The zone's A record named {@code host}, if any. */
    static Optional<ResourceRecordSet> aRecord(Route53Client route53, String zoneId, String host) {
        return route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName(host)
                .startRecordType(RRType.A).maxItems("1"))
                .resourceRecordSets().stream()
                .filter(r -> r.name().equals(host + ".") && r.type() == RRType.A)
                .findFirst();
    }

    /** Whether {@code current} already aliases what {@code wanted} does (Route53 answers names with a final dot). */
    static boolean sameAlias(ResourceRecordSet current, ResourceRecordSet wanted) {
        return current.aliasTarget() != null && wanted.aliasTarget() != null
                && withoutFinalDot(current.aliasTarget().dnsName())
                .equalsIgnoreCase(withoutFinalDot(wanted.aliasTarget().dnsName()))
                && current.aliasTarget().hostedZoneId().equals(wanted.aliasTarget().hostedZoneId());
    }

    private static String withoutFinalDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The zone's A records that alias an S3 website endpoint, whatever their names. */
    static List<ResourceRecordSet> websiteAliases(Route53Client route53, String zoneId) {
        return route53.listResourceRecordSetsPaginator(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(r -> r.type() == RRType.A && r.aliasTarget() != null && r.aliasTarget().dnsName()
                .contains("s3-website"))
                .toList();
    }

    private static final Pattern WEBSITE_ENDPOINT_REGION =
            Pattern.compile("s3-website[.-]([a-z0-9-]+?)\\.(amazonaws|localhost)");

    /**
     * The region named in an S3 website endpoint (s3-website.ap-northeast-2.amazonaws.com,
     * s3-website-us-east-1...).
     */
    static String endpointRegion(String dnsName) {
        Matcher m = WEBSITE_ENDPOINT_REGION.matcher(dnsName);
        return m.find() ? m.group(1) : "?";
    }

    /**
     * The change that names the site: an A record whose alias target is the S3 website
     * endpoint of the bucket's region. UPSERT makes the step safe to run twice.
     */
    static Change aliasToWebsite(String host, String region) {
        // TODO(step3): Build an UPSERT change for an A record named `host` whose AliasTarget is the
        //   S3 website endpoint of `region` (Lab.websiteEndpointPrefix(region) + ".amazonaws.com") in
        //   that endpoint's hosted zone (websiteZoneId(region)), with EvaluateTargetHealth false. Look up
        //   Change, ResourceRecordSet and AliasTarget in the SDK docs.
        // TODO-ko: 이름이 `host`인 A 레코드의 UPSERT 변경을 만드세요: AliasTarget은 `region`의 S3 웹 사이트 엔드포인트
        //   (Lab.websiteEndpointPrefix(region) + ".amazonaws.com")와 그 엔드포인트의 호스팅 영역(websiteZoneId(region)),
        //   EvaluateTargetHealth는 false. SDK 문서에서 Change, ResourceRecordSet, AliasTarget을 찾아보세요.
        // BEGIN SOLUTION
        return Change.builder()
                .action(ChangeAction.UPSERT)
                .resourceRecordSet(ResourceRecordSet.builder()
                        .name(host)
                        .type(RRType.A)
                        .aliasTarget(a -> a.dnsName(Lab.websiteEndpointPrefix(region) + ".amazonaws.com")
                                .hostedZoneId(websiteZoneId(region))
                                .evaluateTargetHealth(false))
                        .build())
                .build();
        // END SOLUTION
    }

    @Override
    public void check(Lab lab, Checks checks) throws IOException {
        String domain = lab.names().domain();
        if (domain == null) {
            checks.skip(Texts.DOMAIN, noDomain());
            return;
        }
        Route53Client route53 = lab.client(Route53Client.builder());
        String host = lab.names().siteHost();
        String region = lab.region().id();
        Optional<HostedZone> zone = findZone(route53, domain);
        if (checks.check(Texts.ZONE.with(domain), () -> Outcome.when(zone.isPresent(), Texts.RUN_STEP_3)).failed()) {
            return;
        }
        String zoneId = zoneId(zone.get());
        Optional<ResourceRecordSet> record = aRecord(route53, zoneId, host);
        if (checks.check(Texts.RECORD.with(host), () -> recordOutcome(route53, zoneId, host, region, record))
                .failed()) {
            return;
        }
        String endpoint = Lab.websiteEndpointPrefix(region) + ".amazonaws.com";
        checks.check(Texts.ALIAS.with(host, region, endpoint, websiteZoneId(region)),
                () -> aliasOutcome(record.get(), host, region, endpoint));
        checks.check(Texts.BUCKET.with(host), () -> Outcome.when(
                host.equals(lab.names().siteBucket()) && bucketExists(lab, host), Texts.bucketNamedLike(host)));
        Optional<String> address = resolve(lab.authoritativeDnsServer(nameServers(route53, zone.get())), host);
        checks.check(Texts.RESOLVES.with(host), () -> address.map(found -> Outcome.pass(Text.of(found, found)))
                .orElseGet(() -> Outcome.fail(Texts.noAnswer(host))));
        if (address.isPresent()) {
            checks.check(Texts.PAGE.with(host), () -> pageOutcome(lab, host, address.get()));
        }
    }

    /** The record named like the bucket; when it is missing, whether the zone aliases the site under another name. */
    static Outcome recordOutcome(Route53Client route53, String zoneId, String host, String region,
            Optional<ResourceRecordSet> record) {
        if (record.isPresent()) {
            return Outcome.pass();
        }
        List<String> elsewhere = websiteAliases(route53, zoneId).stream().map(r -> r.name().replaceAll("\\.$", ""))
                .toList();
        return Outcome.fail(elsewhere.isEmpty() ? Texts.noRecord(host, region)
                : Texts.namedElsewhere(elsewhere, host));
    }

    static Outcome aliasOutcome(ResourceRecordSet record, String host, String region, String endpoint) {
        AliasTarget target = record.aliasTarget();
        if (target == null) {
            return Outcome.fail(Texts.notAnAlias(host, region));
        }
        String dnsName = target.dnsName().replaceAll("\\.$", "");
        if (!dnsName.equals(endpoint) && !dnsName.endsWith("." + endpoint)) {
            return Outcome.fail(Texts.otherEndpoint(dnsName, endpointRegion(dnsName), region, endpoint));
        }
        if (!websiteZoneId(region).equals(target.hostedZoneId())) {
            return Outcome.fail(Texts.otherZone(target.hostedZoneId(), region, websiteZoneId(region)));
        }
        String seen = dnsName + " / " + target.hostedZoneId();
        return Outcome.pass(Text.of(seen, seen));
    }

    static Outcome pageOutcome(Lab lab, String host, String address) {
        HttpResponse<String> page = lab.web().get(URI.create("http://" + host + "/"), address, lab.websitePort());
        return Outcome.when(page.statusCode() == 200 && page.body().contains("name=\"chatlab-client\""),
                Texts.pageAnswered(page.statusCode(), host));
    }

    static boolean bucketExists(Lab lab, String bucket) {
        try {
            lab.s3().headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            return false;
        }
    }

    static List<String> nameServers(Route53Client route53, HostedZone zone) {
        return route53.getHostedZone(b -> b.id(zone.id())).delegationSet().nameServers();
    }

    /** Asks the zone's own name server for the A record, as a resolver would after following the NS delegation. */
    static Optional<String> resolve(InetSocketAddress server, String host) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(host + "."), Type.A,
                DClass.IN)));
        if (answer.getRcode() != Rcode.NOERROR) {
            return Optional.empty();
        }
        return answer.getSection(Section.ANSWER).stream()
                .filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress().getHostAddress())
                .findFirst();
    }

    /** What the checks say, in English and Korean: each check's name, then what it answers. */
    static final class Texts {

        static final Text DOMAIN = Text.of("the site's domain name", "사이트의 도메인 이름");
        static final Text ZONE = Text.of("hosted zone %s exists", "호스팅 영역이 있음: %s");
        static final Text RECORD = Text.of("an A record named exactly like the bucket (%s) exists",
                "버킷과 똑같은 이름(%s)의 A 레코드가 있음");
        static final Text ALIAS = Text.of("%s is an alias to the S3 website endpoint of %s (%s, zone %s)",
                "%s: %s의 S3 웹 사이트 엔드포인트(%s, 영역 %s)를 가리키는 별칭");
        static final Text BUCKET = Text.of("a bucket named exactly like the record (%s) exists",
                "레코드와 똑같은 이름(%s)의 버킷이 있음");
        static final Text RESOLVES = Text.of("%s resolves through the zone's DNS server", "영역의 DNS 서버가 %s의 주소를 답함");
        static final Text PAGE = Text.of("the page loads through http://%s/", "http://%s/에서 페이지가 열림");

        static final Text RUN_STEP_3 = Text.of("Run ./lab step 3, or Route53 → Hosted zones → Create hosted zone.",
                "./lab step 3을 실행하거나 Route53 → 호스팅 영역 → 호스팅 영역 생성.");

        private Texts() {
        }

        static Text namedElsewhere(List<String> elsewhere, String host) {
            return Text.of("The zone aliases " + String.join(", ", elsewhere) + " to S3, but the bucket is called "
                            + host + ": S3's website endpoint picks the bucket by the Host header, so the record"
                            + " must be named exactly like the bucket.",
                    "영역에서 " + String.join(", ", elsewhere) + " 레코드가 S3를 가리키지만 버킷 이름은 " + host
                            + "입니다: S3 웹 사이트 엔드포인트는 Host 헤더로 버킷을 고르므로 레코드 이름이 버킷 이름과 똑같아야 합니다.");
        }

        static Text noRecord(String host, String region) {
            return Text.of("The zone has no A record " + host
                            + ": run ./lab step 3, or Route53 → the zone → Create record → name " + host
                            + ", type A, Alias on → \"Alias to S3 website endpoint\" → " + region + " → the bucket.",
                    "영역에 이름이 " + host + "인 A 레코드가 없습니다: ./lab step 3을 실행하거나, Route53 → 영역 → 레코드 생성 → 이름 "
                            + host + ", 유형 A, 별칭 켜기 → \"S3 웹 사이트 엔드포인트에 대한 별칭\" → " + region + " → 버킷.");
        }

        static Text notAnAlias(String host, String region) {
            return Text.of("The record " + host + " is a plain A record with fixed addresses: turn Alias on and"
                            + " choose the S3 website endpoint of " + region
                            + " (an S3 website has no fixed IP address).",
                    "레코드 " + host + ": 별칭이 아니라 고정 주소를 가진 일반 A 레코드입니다: 별칭을 켜고 " + region
                            + "의 S3 웹 사이트 엔드포인트를 고르세요 (S3 웹 사이트에는 고정 IP 주소가 없습니다).");
        }

        static Text otherEndpoint(String dnsName, String itsRegion, String region, String endpoint) {
            return Text.of("The alias points at " + dnsName + " (region " + itsRegion + "), but the bucket lives in "
                            + region + ": its website endpoint is " + endpoint
                            + " (Lab.websiteEndpointPrefix(region)).",
                    "별칭 대상이 " + dnsName + "(리전 " + itsRegion + ")인데 버킷은 " + region
                            + " 리전에 있습니다: 웹 사이트 엔드포인트는 " + endpoint
                            + "입니다 (Lab.websiteEndpointPrefix(region)).");
        }

        static Text otherZone(String zone, String region, String websiteZone) {
            return Text.of("The alias names hosted zone " + zone + ", but the S3 website endpoint of " + region
                            + " lives in " + websiteZone
                            + " (AWS's table of S3 website endpoints; websiteZoneId(region)).",
                    "별칭의 호스팅 영역이 " + zone + "인데 " + region + "의 S3 웹 사이트 엔드포인트는 " + websiteZone
                            + " 영역에 있습니다 (AWS의 S3 웹 사이트 엔드포인트 표, websiteZoneId(region)).");
        }

        static Text bucketNamedLike(String host) {
            return Text.of("S3 serves a website by the Host header: the bucket must be called " + host
                            + " (re-run steps 1-2 with this domain).",
                    "S3는 Host 헤더로 웹 사이트를 고릅니다: 버킷 이름이 레코드 이름(" + host
                            + ")과 같아야 합니다 (이 도메인으로 1·2단계를 다시 실행).");
        }

        static Text noAnswer(String host) {
            return Text.of("The zone's name server does not answer an A record for " + host + ".",
                    "영역의 네임 서버가 " + host + "의 A 레코드를 답하지 않습니다.");
        }

        static Text pageAnswered(int status, String host) {
            return Text.of("Got HTTP " + status + " through the name: is step 2 done for bucket " + host + "?",
                    "이름으로 접속하니 HTTP " + status + " 응답: 버킷 " + host + "에 2단계를 했나요?");
        }
    }
}

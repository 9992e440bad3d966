package dev.chatlab.localcloud.services.route53;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Route53 hosted zones of the Amazon S3 website endpoints, from the "Amazon S3 website
 * endpoints" table of the AWS General Reference: an alias record to a bucket's website names
 * the endpoint of the bucket's region together with that region's zone id, and Route53
 * refuses the alias when the name does not lie within the zone the id stands for.
 *
 * <p>The older regions write the endpoint with a dash ({@code s3-website-us-east-1.amazonaws.com}),
 * the newer ones with a dot ({@code s3-website.ap-northeast-2.amazonaws.com}). localcloud's own
 * website endpoints ({@code <bucket>.s3-website.<region>.localhost}) are accepted as well, with
 * the same zone id, so that a lab step can use either name.
 */
public final class S3WebsiteEndpoints {

    /** Website hosted-zone id by region. */
    static final Map<String, String> ZONE_ID_BY_REGION = Map.ofEntries(
            Map.entry("af-south-1", "Z83WF9RJE8B12"),
            Map.entry("ap-east-1", "ZNB98KWMFR0R6"),
            Map.entry("ap-northeast-1", "Z2M4EHUR26P7ZW"),
            Map.entry("ap-northeast-2", "Z3W03O7B5YMIYP"),
            Map.entry("ap-northeast-3", "Z2YQB5RD63NC85"),
            Map.entry("ap-south-1", "Z11RGJOFQNVJUP"),
            Map.entry("ap-south-2", "Z02976202B4EZMXIPMXF7"),
            Map.entry("ap-southeast-1", "Z3O0J2DXBE1FTB"),
            Map.entry("ap-southeast-2", "Z1WCIGYICN2BYD"),
            Map.entry("ap-southeast-3", "Z01846753K324LI26A3VV"),
            Map.entry("ap-southeast-4", "Z0312387243XT5FE14WFO"),
            Map.entry("ca-central-1", "Z1QDHH18159H29"),
            Map.entry("ca-west-1", "Z03565811Z33SLEZTHOUL"),
            Map.entry("eu-central-1", "Z21DNDUVLTQW6Q"),
            Map.entry("eu-central-2", "Z030506016YDQGETNASS"),
            Map.entry("eu-north-1", "Z3BAZG2TWCNX0D"),
            Map.entry("eu-south-1", "Z30OZKI7KPW7MI"),
            Map.entry("eu-south-2", "Z0081959F7139GRJC19J"),
            Map.entry("eu-west-1", "Z1BKCTXD74EZPE"),
            Map.entry("eu-west-2", "Z3GKZC51ZF0DB4"),
            Map.entry("eu-west-3", "Z3R1K369G5AVDG"),
            Map.entry("il-central-1", "Z09640613K4A3MN55U7GU"),
            Map.entry("me-central-1", "Z06143092I8HRXZRUZROF"),
            Map.entry("me-south-1", "Z1MPMWCPA7YB62"),
            Map.entry("sa-east-1", "Z7KQH4QJS55SO"),
            Map.entry("us-east-1", "Z3AQBSTGFYJSTF"),
            Map.entry("us-east-2", "Z2O1EMRO9K5GLX"),
            Map.entry("us-gov-east-1", "Z2NIFVYYW2VKV1"),
            Map.entry("us-gov-west-1", "Z31GFT0UA1I2HV"),
            Map.entry("us-west-1", "Z2F56UZL2M1ACD"),
            Map.entry("us-west-2", "Z3BJ6K6RIION7M"));

    /** The regions whose AWS website endpoint has a dash before the region. */
    private static final Set<String> DASH_REGIONS = Set.of(
            "us-east-1", "us-west-1", "us-west-2", "ap-southeast-1", "ap-southeast-2",
            "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1");

    private S3WebsiteEndpoints() {
    }

    /** True when {@code zoneId} is the website zone of some region. */
    public static boolean isWebsiteZone(String zoneId) {
        return ZONE_ID_BY_REGION.containsValue(zoneId);
    }

    /**
     * The region whose website zone {@code zoneId} is and within whose endpoint {@code dnsName}
     * (normalized) lies; empty when the name does not lie within that zone.
     */
    public static Optional<String> regionOf(String zoneId, String dnsName) {
        return ZONE_ID_BY_REGION.entrySet().stream()
                .filter(entry -> entry.getValue().equals(zoneId))
                .map(Map.Entry::getKey)
                .filter(region -> liesWithinEndpoint(dnsName, region))
                .findFirst();
    }

    private static boolean liesWithinEndpoint(String dnsName, String region) {
        String aws = (DASH_REGIONS.contains(region) ? "s3-website-" : "s3-website.") + region + ".amazonaws.com.";
        String localDot = "s3-website." + region + ".localhost.";
        String localDash = "s3-website-" + region + ".localhost.";
        return DnsNames.isWithin(dnsName, aws) || DnsNames.isWithin(dnsName, localDot) || DnsNames.isWithin(dnsName, localDash);
    }
}

package dev.chatlab.localcloud.services.route53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceTagSet;
import software.amazon.awssdk.services.route53.model.Tag;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/** ChangeTagsForResource and ListTagsForResource, which `lab teardown` relies on to find the lab's zone. */
class Route53TagsTest extends WithRoute53Cloud {

    static Map<String, String> tags(String zoneId) {
        return route53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId))
                .resourceTagSet().tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void changeTagsForResource_addsReplacesAndRemovesTags() {
        String zoneId = zone("tags.test");

        route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                .addTags(Tag.builder().key("chatlab").value("lab-1").build(), Tag.builder().key("step").value("3").build()));
        route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                .addTags(Tag.builder().key("chatlab").value("lab-2").build()).removeTagKeys("step"));

        assertEquals(Map.of("chatlab", "lab-2"), tags(zoneId));
    }

    @Test
    void listTagsForResource_answersTheResourceTypeAndId() {
        String zoneId = zone("tagset.test");

        ListTagsForResourceResponse listed = route53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId));

        assertEquals(TagResourceType.HOSTEDZONE, listed.resourceTagSet().resourceType());
        assertEquals(zoneId, listed.resourceTagSet().resourceId());
        assertTrue(listed.resourceTagSet().tags().isEmpty());
    }

    @Test
    void listTagsForResources_answersOneTagSetPerZone() {
        String first = zone("tags-one.test");
        String second = zone("tags-two.test");
        route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(first).addTags(t -> t.key("chatlab").value("one")));

        List<ResourceTagSet> sets = route53.listTagsForResources(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceIds(first, second))
                .resourceTagSets();

        assertEquals(List.of(first, second), sets.stream().map(ResourceTagSet::resourceId).toList());
        assertEquals("one", sets.get(0).tags().get(0).value());
        assertTrue(sets.get(1).tags().isEmpty());
    }

    @Test
    void changeTagsForResource_unknownZone_isNoSuchHostedZone() {
        assertThrows(NoSuchHostedZoneException.class, () -> route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE)
                .resourceId("Z0000000000000000000E").addTags(Tag.builder().key("k").value("v").build())));
        assertThrows(NoSuchHostedZoneException.class,
                () -> route53.listTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId("Z0000000000000000000E")));
    }

    @Test
    void listTagsForResource_healthCheck_isNoSuchHealthCheck() {
        assertThrows(NoSuchHealthCheckException.class,
                () -> route53.listTagsForResource(r -> r.resourceType(TagResourceType.HEALTHCHECK).resourceId(UUID.randomUUID().toString())));
    }

    @Test
    void deleteHostedZone_dropsItsTags() {
        String zoneId = zone("tags-gone.test");
        route53.changeTagsForResource(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceId(zoneId)
                .addTags(List.of(Tag.builder().key("chatlab").value("x").build())));

        route53.deleteHostedZone(r -> r.id(zoneId));

        assertThrows(NoSuchHostedZoneException.class, () -> tags(zoneId));
    }
}

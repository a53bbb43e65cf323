package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EC2 (its flavour of Query, XML answers): the groups' launch templates and the images. Creating a
 * version rolls the simulated group to its AMI at once; the ModifyLaunchTemplate that follows
 * then finds the group already there. Real AWS makes the new version the default only then; the
 * simulation has no separate notion of a default, and the adapter always does both.
 */
final class Ec2Api {
    static final String NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final SimulatedAws aws;
    private final LaunchTemplates templates;

    Ec2Api(SimulatedAws aws, LaunchTemplates templates) {
        this.aws = aws;
        this.templates = templates;
    }

    Reply answer(String action, Map<String, String> form) {
        return switch (action) {
            case "DescribeLaunchTemplateVersions" -> describeVersions(form);
            case "CreateLaunchTemplateVersion" -> createVersion(form);
            case "ModifyLaunchTemplate" -> modifyTemplate(form);
            case "DescribeImages" -> describeImages(form);
            default -> throw new Reply.Failure(action, "InvalidAction", "the stub does not implement " + action);
        };
    }

    /** Versions by number or $Default / $Latest, or every version with an image-id filter. */
    private Reply describeVersions(Map<String, String> form) {
        String templateId = form.get("LaunchTemplateId");
        String group = groupOf(templateId, "DescribeLaunchTemplateVersions");
        long current = templates.observe(aws.fleet().describe(group)).version();
        List<LaunchTemplates.Version> found;
        if ("image-id".equals(form.get("Filter.1.Name"))) {
            List<String> images = Query.list(form, "Filter.1.Value");
            found = templates.all(group).stream().filter(v -> images.contains(v.imageId())).toList();
        } else {
            found = Query.list(form, "LaunchTemplateVersion").stream()
                    .map(v -> v.equals("$Default") ? current : v.equals("$Latest") ? templates.latest(group)
                            : Long.parseLong(v))
                    .map(n -> templates.version(group, n)).flatMap(Optional::stream).toList();
        }
        String items = Xml.list("launchTemplateVersionSet", "item", found, v -> version(group, v, current));
        return result("DescribeLaunchTemplateVersions", items);
    }

    private Reply createVersion(Map<String, String> form) {
        String templateId = form.get("LaunchTemplateId");
        String group = groupOf(templateId, "CreateLaunchTemplateVersion");
        String imageId = form.get("LaunchTemplateData.ImageId");
        long number = LaunchTemplates.parse(aws.launchSpecs().rollTo(group, AmiRef.of(imageId))).version();
        templates.created(group, number, imageId, form.getOrDefault("VersionDescription", ""));
        LaunchTemplates.Version v = templates.version(group, number).orElseThrow();
        return result("CreateLaunchTemplateVersion", Xml.raw("launchTemplateVersion", version(group, v, number)));
    }

    private Reply modifyTemplate(Map<String, String> form) {
        String templateId = form.get("LaunchTemplateId");
        String group = groupOf(templateId, "ModifyLaunchTemplate");
        long number = Long.parseLong(form.get("SetDefaultVersion"));
        pointAt(aws, templates, group, number, "ModifyLaunchTemplate");
        String template = Xml.el("launchTemplateId", templateId)
                + Xml.el("launchTemplateName", LaunchTemplates.nameOf(group))
                + Xml.el("createTime", "2026-01-01T00:00:00.000Z") + Xml.el("defaultVersionNumber", number)
                + Xml.el("latestVersionNumber", templates.latest(group));
        return result("ModifyLaunchTemplate", Xml.raw("launchTemplate", template));
    }

    /** Makes the group launch from a known version, rolling the simulation only if it is elsewhere. */
    static void pointAt(SimulatedAws aws, LaunchTemplates templates, String group, long number, String operation) {
        LaunchTemplates.Version v = templates.version(group, number).orElseThrow(() -> new Reply.Failure(operation,
                "InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version " + number));
        GroupState g = aws.fleet().describe(group);
        if (templates.observe(g).version() != number) {
            aws.launchSpecs().rollTo(group, AmiRef.of(v.imageId()));
        }
    }

    /** An unknown image is an error on its own, as EC2 answers for a well-formed id it cannot find. */
    private Reply describeImages(Map<String, String> form) {
        StringBuilder items = new StringBuilder();
        for (String id : Query.list(form, "ImageId")) {
            AmiCatalog.Image image = aws.amiCatalog().describe(id).orElseThrow(() -> new Reply.Failure(
                    "DescribeImages", "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist"));
            items.append(Xml.raw("item", image(image)));
        }
        return result("DescribeImages", Xml.raw("imagesSet", items.toString()));
    }

    private String groupOf(String templateId, String operation) {
        return templates.groupOf(templateId).orElseThrow(() -> new Reply.Failure(operation,
                "InvalidLaunchTemplateId.NotFound", "The specified launch template, with template ID " + templateId
                + ", does not exist."));
    }

    private static String version(String group, LaunchTemplates.Version v, long defaultVersion) {
        return Xml.el("launchTemplateId", LaunchTemplates.idOf(group))
                + Xml.el("launchTemplateName", LaunchTemplates.nameOf(group))
                + Xml.el("versionNumber", v.number())
                + (v.description().isEmpty() ? "" : Xml.el("versionDescription", v.description()))
                + Xml.el("createTime", "2026-01-01T00:00:00.000Z")
                + Xml.el("createdBy", "arn:aws:iam::123456789012:role/admin")
                + Xml.el("defaultVersion", v.number() == defaultVersion)
                + Xml.raw("launchTemplateData", Xml.el("imageId", v.imageId()) + Xml.el("instanceType", "m5.large"));
    }

    private static String image(AmiCatalog.Image image) {
        return Xml.el("imageId", image.ami().imageId()) + Xml.el("imageLocation", "amazon/" + image.ami().name())
                + Xml.el("imageState", image.available() ? "available" : "pending")
                + Xml.el("imageOwnerId", "591542846629") + Xml.el("isPublic", true)
                + Xml.el("architecture", image.architecture()) + Xml.el("imageType", "machine")
                + Xml.el("name", image.ami().name()) + Xml.el("rootDeviceType", "ebs")
                + Xml.el("rootDeviceName", "/dev/xvda") + Xml.el("virtualizationType", "hvm");
    }

    private static Reply result(String action, String content) {
        return Reply.xml("<" + action + "Response xmlns=\"" + NS + "\">" + Xml.el("requestId", AwsStub.requestId())
                + content + "</" + action + "Response>");
    }
}

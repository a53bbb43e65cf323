package dev.ecsami.operator.ingest.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ecsami.operator.ingest.json.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmiAnnouncementParserTest {

    private static final String MINIMAL_RELEASE =
            "{\"ReleaseVersion\":\"20210316\",\"OsType\":\"linux\",\"Regions\":{\"us-east-1\":{\"ImageId\":\"ami-3f14a25e\"}}}";

    @Test
    void parsesAMultiRegionAnnouncementWithLinuxAndWindowsReleases() throws IOException {
        AmiAnnouncement announcement = parsed(resource("ecs-ami-update.json"));

        assertThat(announcement.agentReleaseVersion()).contains("1.51.0");
        assertThat(announcement.releases()).hasSize(2);
        AmiAnnouncement.Release linux = announcement.releases().get(0);
        assertThat(linux.releaseVersion()).isEqualTo("20210316");
        assertThat(linux.agentVersion()).contains("1.51.0");
        assertThat(linux.osType()).isEqualTo("linux");
        assertThat(linux.operatingSystemName()).contains("Amazon Linux 2");
        assertThat(linux.imagesByRegion()).containsOnlyKeys("cn-north-1", "eu-west-1", "us-east-1", "us-gov-west-1");
        assertThat(linux.imageIn("eu-west-1")).contains(
                new AmiAnnouncement.Image("ami-0c9ef930279337028", Optional.of("amzn2-ami-ecs-hvm-2.0.20210316-x86_64-ebs")));
        assertThat(announcement.releases().get(1).osType()).isEqualTo("windows");
    }

    @Test
    void imagesForARegionListsEveryReleaseAvailableThere() throws IOException {
        AmiAnnouncement announcement = parsed(resource("ecs-ami-update.json"));

        assertThat(announcement.imagesFor("us-east-1"))
                .extracting(regional -> regional.release().osType(), regional -> regional.image().imageId())
                .containsExactly(
                        tuple("linux", "ami-0a3bd1f4c8e1b2a90"),
                        tuple("windows", "ami-07d1c8c2b0a8e6f31"));
        assertThat(announcement.imagesFor("eu-west-1")).hasSize(1);
        assertThat(announcement.imagesFor("ap-south-2")).isEmpty();
    }

    @Test
    void descriptiveFieldsAreOptional() {
        AmiAnnouncement announcement = parsed("{\"ECSAmis\":[" + MINIMAL_RELEASE + "]}");

        assertThat(announcement.agentReleaseVersion()).isEmpty();
        AmiAnnouncement.Release release = announcement.releases().get(0);
        assertThat(release.agentVersion()).isEmpty();
        assertThat(release.operatingSystemName()).isEmpty();
        assertThat(release.imageIn("us-east-1")).contains(new AmiAnnouncement.Image("ami-3f14a25e", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not JSON             | {\"ECSAmis\":[                               | Message",
        "array at the root    | []                                           | Message",
        "no ECSAmis           | {\"ECSAgent\":{\"ReleaseVersion\":\"1.51.0\"}} | ECSAmis",
        "ECSAmis not an array | {\"ECSAmis\":{}}                             | ECSAmis",
        "ECSAmis empty        | {\"ECSAmis\":[]}                             | ECSAmis",
        "ECSAgent a string    | {\"ECSAgent\":\"1.51.0\",\"ECSAmis\":[]}     | ECSAgent",
        "release a string     | {\"ECSAmis\":[\"20210316\"]}                 | ECSAmis[0]",
        "ReleaseVersion number| {\"ECSAmis\":[{\"ReleaseVersion\":20210316,\"OsType\":\"linux\",\"Regions\":{}}]} | ECSAmis[0].ReleaseVersion",
        "ReleaseVersion blank | {\"ECSAmis\":[{\"ReleaseVersion\":\" \",\"OsType\":\"linux\",\"Regions\":{}}]} | ECSAmis[0].ReleaseVersion",
        "OsType missing       | {\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"Regions\":{}}]} | ECSAmis[0].OsType",
        "Regions an array     | {\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"OsType\":\"linux\",\"Regions\":[]}]} | ECSAmis[0].Regions",
        "bad region name      | {\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"OsType\":\"linux\",\"Regions\":{\"../etc\":{\"ImageId\":\"ami-3f14a25e\"}}}]} | ECSAmis[0].Regions.../etc",
        "ImageId missing      | {\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"OsType\":\"linux\",\"Regions\":{\"us-east-1\":{\"Name\":\"x\"}}}]} | ECSAmis[0].Regions.us-east-1.ImageId",
        "ImageId not an AMI   | {\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"OsType\":\"linux\",\"Regions\":{\"us-east-1\":{\"ImageId\":\"snap-3f14a25e\"}}}]} | ECSAmis[0].Regions.us-east-1.ImageId",
        "duplicate key        | {\"ECSAmis\":[],\"ECSAmis\":[]}              | Message"
    })
    void wrongShapeIsReportedWithItsPath(String description, String payload, String path) {
        Parsed<AmiAnnouncement> result = AmiAnnouncementParser.parse(payload);

        assertThat(result).as(description).isInstanceOfSatisfying(Parsed.Invalid.class,
                invalid -> assertThat(invalid.where()).isEqualTo(path));
    }

    @Test
    void failureMessageNamesThePathAndWhatWasExpected() {
        Parsed<AmiAnnouncement> result = AmiAnnouncementParser.parse(
                "{\"ECSAmis\":[{\"ReleaseVersion\":\"1\",\"OsType\":\"linux\",\"Regions\":{\"us-east-1\":{\"ImageId\":\"ami-XYZ\"}}}]}");

        assertThat(result).isInstanceOfSatisfying(Parsed.Invalid.class,
                invalid -> assertThat(invalid.detail()).isEqualTo("ECSAmis[0].Regions.us-east-1.ImageId: "
                        + "expected an AMI id like ami-0123456789abcdef0 but was ami-XYZ"));
    }

    private static AmiAnnouncement parsed(String payload) {
        Parsed<AmiAnnouncement> result = AmiAnnouncementParser.parse(payload);
        assertThat(result).isInstanceOf(Parsed.Ok.class);
        return ((Parsed.Ok<AmiAnnouncement>) result).value();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AmiAnnouncementParserTest.class.getResourceAsStream("/ingest/ami/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

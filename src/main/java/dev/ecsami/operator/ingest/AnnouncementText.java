package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.ami.AmiAnnouncement;
import dev.ecsami.operator.ingest.ami.AmiRelease;

/** The human-readable trigger detail of an announcement, e.g. "ECS AMI release 20261124, agent 1.90.0". */
final class AnnouncementText {

    private AnnouncementText() {
    }

    static String describe(AmiAnnouncement announcement) {
        String releases = String.join(", ", announcement.releases().stream().map(AmiRelease::releaseVersion)
                .distinct().toList());
        String text = "ECS AMI release " + releases;
        return announcement.agentReleaseVersion().map(agent -> text + ", agent " + agent).orElse(text);
    }
}

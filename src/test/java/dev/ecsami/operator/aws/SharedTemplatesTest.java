package dev.ecsami.operator.aws;

import dev.ecsami.operator.aws.SharedTemplates.Member;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharedTemplatesTest {
    private static final String LT = "lt-0123456789abcdef0";

    private static Member member(String group, String version) {
        return new Member(group, LT, "ecs-nodes", version);
    }

    @Test
    void aGroupFollowingDefaultReachesEveryGroupOnDefaultOrLatest() {
        List<Member> members = List.of(member("prod", "$Default"), member("web", "$Default"),
                member("batch", "$Latest"), member("pinned", "4"));

        assertThat(SharedTemplates.sharingWith("prod", members)).containsExactly("batch", "web");
    }

    @Test
    void aGroupFollowingLatestOrAVersionOnlyReachesGroupsOnLatest() {
        List<Member> members = List.of(member("prod", "$Latest"), member("web", "$Default"),
                member("batch", "$Latest"));

        assertThat(SharedTemplates.sharingWith("prod", members)).containsExactly("batch");
        assertThat(SharedTemplates.sharingWith("web", List.of(member("web", "9"), member("batch", "$Latest"),
                member("other", "$Default")))).containsExactly("batch");
    }

    @Test
    void templatesAreMatchedByIdOrByNameButNotAcrossDifferentTemplates() {
        List<Member> members = List.of(new Member("prod", LT, null, "$Default"),
                new Member("by-name", null, "ecs-nodes", "$Default"), new Member("by-id", LT, null, "$Latest"),
                new Member("elsewhere", "lt-0ffffffffffffffff", "other-nodes", "$Latest"));

        assertThat(SharedTemplates.sharingWith("prod", members)).containsExactly("by-id");
        assertThat(SharedTemplates.sharingWith("by-name", List.of(new Member("by-name", null, "ecs-nodes",
                "$Default"), new Member("twin", LT, "ecs-nodes", "$Default")))).containsExactly("twin");
    }

    @Test
    void aGroupNotAmongTheMembersSharesWithNobody() {
        assertThat(SharedTemplates.sharingWith("gone", List.of(member("web", "$Latest")))).isEmpty();
    }
}

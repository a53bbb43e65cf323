package dev.ecsami.operator.app;

import dev.ecsami.operator.api.ApiConfig;
import dev.ecsami.operator.api.ApiTokens;
import dev.ecsami.operator.aws.AwsClients;
import dev.ecsami.operator.aws.AwsConfig;
import dev.ecsami.operator.config.Checks;
import dev.ecsami.operator.config.InvalidConfiguration;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.config.SettingsCheck;
import dev.ecsami.operator.ingest.SnsConfig;
import dev.ecsami.operator.ingest.SqsConfig;
import dev.ecsami.operator.slack.SlackConfig;
import dev.ecsami.operator.slack.SlackSettings;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Checks every setting first thing at start-up, before anything acts on them: a bad one stops the
 * operator with one line per problem, each naming its key, instead of failing later on a request
 * or a tick.
 */
@ApplicationScoped
public class ConfigurationCheck {

    void check(@Observes @Priority(0) StartupEvent event, OperatorConfig operator, ApiConfig api, AwsConfig aws,
               SnsConfig sns, SqsConfig sqs, SlackConfig slack) {
        List<String> problems = problems(operator, api, aws, sns, sqs, slack);
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** Every problem of the settings; empty when they can all work. */
    public static List<String> problems(OperatorConfig operator, ApiConfig api, AwsConfig aws, SnsConfig sns,
                                        SqsConfig sqs, SlackConfig slack) {
        Checks check = new Checks();
        check.addAll(SettingsCheck.problems(operator));
        check.addAll(ApiTokens.problems(api));
        check.between("operator.api.default-page-size", api.defaultPageSize(), 1, SettingsCheck.MAX_PAGE_SIZE);
        check.addAll(AwsClients.problems(aws));
        check.addAll(SettingsCheck.problems(sns, sqs));
        try {
            SlackSettings.from(slack);
        } catch (SlackSettings.Invalid e) {
            check.addAll(e.problems());
        }
        return check.problems();
    }
}

package dev.ecsami.operator.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudFormationTemplateParsesTest {

    @Test
    void templateParsesWithItsShortFormTags() {
        Template t = Template.load();

        assertThat(t.root()).containsKeys("AWSTemplateFormatVersion", "Parameters", "Conditions", "Resources", "Outputs");
        assertThat(t.properties("Service")).containsEntry("TaskDefinition", Map.of("Ref", "TaskDefinition"));
        assertThat(t.properties("TaskDefinition")).containsEntry("TaskRoleArn", Map.of("Fn::GetAtt", List.of("TaskRole", "Arn")));
    }

    @Test
    void shortFormTagsBecomeTheLongFormCloudFormationSees() {
        Template t = Template.parse("""
                Resources:
                  R:
                    Type: AWS::SQS::Queue
                    Properties:
                      A: !Ref P
                      B: !GetAtt Db.Endpoint.Address
                      C: !Sub arn:${AWS::Partition}:x
                      D: !Sub [ "${X}", { X: !Ref P } ]
                      E: !If [Cond, !Ref P, !Ref AWS::NoValue]
                      F: !Select [0, !Split [",", !Join [",", [a, b]]]]
                Conditions:
                  Cond: !And [!Not [!Equals [!Ref P, ""]], !Condition Other]
                """);

        Map<String, Object> p = t.properties("R");
        assertThat(p.get("A")).isEqualTo(Map.of("Ref", "P"));
        assertThat(p.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
        assertThat(p.get("C")).isEqualTo(Map.of("Fn::Sub", "arn:${AWS::Partition}:x"));
        assertThat(p.get("D")).isEqualTo(Map.of("Fn::Sub", List.of("${X}", Map.of("X", Map.of("Ref", "P")))));
        assertThat(p.get("E")).isEqualTo(Map.of("Fn::If", List.of("Cond", Map.of("Ref", "P"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(p.get("F")).isEqualTo(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",",
                Map.of("Fn::Join", List.of(",", List.of("a", "b"))))))));
        assertThat(t.conditions().get("Cond")).isEqualTo(Map.of("Fn::And", List.of(
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "P"), "")))),
                Map.of("Condition", "Other"))));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> Template.parse("""
                Resources:
                  Queue: { Type: AWS::SQS::Queue }
                  Queue: { Type: AWS::SNS::Topic }
                """)).hasMessageContaining("Queue");
    }

    @Test
    void getAttWithoutAnAttributeIsRejected() {
        assertThatThrownBy(() -> Template.parse("A: !GetAtt Queue")).hasStackTraceContaining("Resource.Attribute");
    }
}

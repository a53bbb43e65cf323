package dev.ecsami.operator.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudFormationReferencesTest {

    @Test
    void everyReferenceResolvesToAParameterResourceConditionOrPseudoParameter() {
        assertThat(TemplateReferences.problems(Template.load())).isEmpty();
    }

    @Test
    void unresolvedReferencesAreReported() {
        Template t = Template.parse("""
                Parameters:
                  Name: { Type: String }
                Conditions:
                  FromResource: !Equals [!Ref Queue, x]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    DependsOn: Missing
                    Properties:
                      QueueName: !Sub ${Name}-${Nope}-${Queue.Arn}-${Gone.Arn}-${AWS::Region}-${!Literal}
                      Other: !GetAtt Absent.Arn
                      Third: !If [NoSuchCondition, !Ref Name, !Ref Nothing]
                """);

        assertThat(TemplateReferences.problems(t)).containsExactlyInAnyOrder(
                "Conditions.FromResource: Ref Queue must name a parameter here",
                "Resources.Queue.DependsOn: Missing is not a parameter, resource or pseudo parameter",
                "Resources.Queue ${Nope}: Nope is not a parameter, resource or pseudo parameter",
                "Resources.Queue ${Gone.Arn}: Gone is not a parameter, resource or pseudo parameter",
                "Resources.Queue: Absent is not a parameter, resource or pseudo parameter",
                "Resources.Queue: unknown condition NoSuchCondition",
                "Resources.Queue: Nothing is not a parameter, resource or pseudo parameter",
                "condition FromResource is never used");
    }

    @Test
    void aConditionalResourceUsedWhereItMayNotExistIsReported() {
        Template t = Template.parse("""
                Parameters:
                  Cert: { Type: String }
                Conditions:
                  HasCert: !Not [!Equals [!Ref Cert, ""]]
                  HasCertAndMore: !And [!Condition HasCert, !Equals [!Ref Cert, x]]
                Resources:
                  Lb: { Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Condition: HasCert }
                  Guarded:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !If [HasCertAndMore, !Ref Lb, none]
                  SameCondition:
                    Type: AWS::SQS::Queue
                    Condition: HasCert
                    Properties: { QueueName: !GetAtt Lb.DNSName }
                  Unguarded:
                    Type: AWS::SQS::Queue
                    DependsOn: Lb
                    Properties: { QueueName: !GetAtt Lb.DNSName }
                """);

        assertThat(TemplateReferences.problems(t)).containsExactly(
                "Resources.Unguarded.DependsOn: refers to Lb, which exists only when HasCert, from a place that does"
                        + " not depend on HasCert (wrap it in !If HasCert)",
                "Resources.Unguarded: refers to Lb, which exists only when HasCert, from a place that does"
                        + " not depend on HasCert (wrap it in !If HasCert)");
    }

    @Test
    void unusedParametersAndUnknownSectionsAreReported() {
        Template t = Template.parse("""
                Parameters:
                  Unused: { Type: String }
                Resource:
                  Typo: {}
                Resources:
                  Queue: { Type: AWS::SQS::Queue, Propertes: {} }
                """);

        assertThat(TemplateReferences.problems(t)).containsExactlyInAnyOrder(
                "unknown top-level section Resource",
                "Resources.Queue: unknown resource attribute Propertes",
                "parameter Unused is never used");
    }
}

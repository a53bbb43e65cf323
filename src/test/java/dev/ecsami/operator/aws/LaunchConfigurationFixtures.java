package dev.ecsami.operator.aws;

import static dev.ecsami.operator.aws.AsgFixtures.members;

/** Launch configurations in Auto Scaling's XML, with every field a launch configuration can carry. */
final class LaunchConfigurationFixtures {
    static final String OLD_ROOT_SNAPSHOT = "snap-0a0a0a0a0a0a0a0a0";
    static final String DATA_SNAPSHOT = "snap-0d0d0d0d0d0d0d0d0";
    static final String USER_DATA = "IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1wcm9kdWN0aW9uID4+IC9ldGMvZWNzL2Vjcy5jb25maWc=";

    private LaunchConfigurationFixtures() {
    }

    static String fullConfiguration(String name, String imageId) {
        return "<LaunchConfigurationName>" + name + "</LaunchConfigurationName><LaunchConfigurationARN>"
                + "arn:aws:autoscaling:us-east-1:012345678910:launchConfiguration:d2b1d5a4-0f5e-4b4c-8a1e-"
                + "5d0c3f8a9b7e:launchConfigurationName/" + name + "</LaunchConfigurationARN>"
                + "<ImageId>" + imageId + "</ImageId><KeyName>ops-key</KeyName>"
                + "<SecurityGroups>" + members("sg-0123456789abcdef0", "sg-0fedcba9876543210") + "</SecurityGroups>"
                + "<ClassicLinkVPCId>vpc-0a1b2c3d</ClassicLinkVPCId><ClassicLinkVPCSecurityGroups>"
                + members("sg-0c1a551c") + "</ClassicLinkVPCSecurityGroups>"
                + "<UserData>" + USER_DATA + "</UserData><InstanceType>m5.large</InstanceType>"
                + "<KernelId>aki-0123abcd</KernelId><RamdiskId>ari-0123abcd</RamdiskId>"
                + "<BlockDeviceMappings>" + members(
                "<DeviceName>/dev/xvda</DeviceName><Ebs><SnapshotId>" + OLD_ROOT_SNAPSHOT + "</SnapshotId>"
                        + "<VolumeSize>50</VolumeSize><VolumeType>gp3</VolumeType><DeleteOnTermination>true"
                        + "</DeleteOnTermination><Iops>4000</Iops><Encrypted>true</Encrypted><Throughput>250"
                        + "</Throughput></Ebs>",
                "<DeviceName>/dev/xvdcz</DeviceName><Ebs><VolumeSize>100</VolumeSize><VolumeType>gp3</VolumeType>"
                        + "<DeleteOnTermination>true</DeleteOnTermination><Encrypted>true</Encrypted></Ebs>",
                "<VirtualName>ephemeral0</VirtualName><DeviceName>/dev/sdb</DeviceName>",
                "<DeviceName>/dev/sdd</DeviceName><Ebs><SnapshotId>" + DATA_SNAPSHOT + "</SnapshotId>"
                        + "<VolumeSize>20</VolumeSize><VolumeType>gp2</VolumeType></Ebs>",
                "<DeviceName>/dev/sde</DeviceName><NoDevice>true</NoDevice>") + "</BlockDeviceMappings>"
                + "<InstanceMonitoring><Enabled>true</Enabled></InstanceMonitoring><SpotPrice>0.05</SpotPrice>"
                + "<IamInstanceProfile>arn:aws:iam::012345678910:instance-profile/ecsInstanceRole"
                + "</IamInstanceProfile><CreatedTime>2024-01-01T00:00:00.000Z</CreatedTime>"
                + "<EbsOptimized>true</EbsOptimized><AssociatePublicIpAddress>false</AssociatePublicIpAddress>"
                + "<PlacementTenancy>dedicated</PlacementTenancy><MetadataOptions><HttpTokens>required</HttpTokens>"
                + "<HttpPutResponseHopLimit>2</HttpPutResponseHopLimit><HttpEndpoint>enabled</HttpEndpoint>"
                + "</MetadataOptions>";
    }

    /** A bare configuration as DescribeLaunchConfigurations lists it, with empty kernel and ramdisk. */
    static String minimalConfiguration(String name, String imageId, String createdTime) {
        return "<LaunchConfigurationName>" + name + "</LaunchConfigurationName><ImageId>" + imageId + "</ImageId>"
                + "<KeyName></KeyName><SecurityGroups>" + members("sg-0123456789abcdef0") + "</SecurityGroups>"
                + "<ClassicLinkVPCSecurityGroups/><UserData></UserData><InstanceType>t3.medium</InstanceType>"
                + "<KernelId></KernelId><RamdiskId></RamdiskId><BlockDeviceMappings/><InstanceMonitoring><Enabled>"
                + "false</Enabled></InstanceMonitoring><CreatedTime>" + createdTime + "</CreatedTime>"
                + "<EbsOptimized>false</EbsOptimized>";
    }

    static String configurations(String nextToken, String... configurations) {
        return "<LaunchConfigurations>" + members(configurations) + "</LaunchConfigurations>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }
}

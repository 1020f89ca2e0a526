//! EC2's answers: XML documents whose lists are `<item>` elements, read member by member with
//! the SDK's own XML reader. Members the crate does not use are skipped, so a newer EC2 that
//! answers with more of them is read the same.

use aws_smithy_xml::decode::{Document, ScopedDecoder, XmlDecodeError, try_data};

use aws_smithy_types::error::metadata::ErrorMetadata;

use super::{Instance, IpPermission, SecurityGroup, Subnet, Vpc};

/// What reading an answer gives.
pub(super) type Read<T> = Result<T, XmlDecodeError>;

/// One page of a `Describe…` answer: its items and the token of the next page.
pub(super) type Page<T> = (Vec<T>, Option<String>);

/// Reads `text` with `read`, from its root element.
fn decode<T>(text: &str, read: impl FnOnce(&mut ScopedDecoder<'_, '_>) -> Read<T>) -> Read<T> {
    let mut document = Document::new(text);
    let mut root = document.root_element()?;
    read(&mut root)
}

/// Calls `member` with the name and reader of each child of `tag`.
fn members<'inp>(
    tag: &mut ScopedDecoder<'inp, '_>,
    mut member: impl FnMut(&str, &mut ScopedDecoder<'inp, '_>) -> Read<()>,
) -> Read<()> {
    while let Some(mut child) = tag.next_tag() {
        let name = child.start_el().local().to_owned();
        member(&name, &mut child)?;
    }
    Ok(())
}

/// The `<item>`s of a list, each read by `item`.
fn items<'inp, T>(
    tag: &mut ScopedDecoder<'inp, '_>,
    mut item: impl FnMut(&mut ScopedDecoder<'inp, '_>) -> Read<T>,
) -> Read<Vec<T>> {
    let mut out = Vec::new();
    members(tag, |name, child| {
        if name == "item" {
            out.push(item(child)?);
        }
        Ok(())
    })?;
    Ok(out)
}

fn text(tag: &mut ScopedDecoder<'_, '_>) -> Read<String> {
    try_data(tag).map(std::borrow::Cow::into_owned)
}

fn port(tag: &mut ScopedDecoder<'_, '_>) -> Read<i32> {
    let value = text(tag)?;
    value
        .trim()
        .parse()
        .map_err(|_| XmlDecodeError::custom(format!("port `{value}` is not a number")))
}

/// The items of the list named `list` and the page's `nextToken`.
fn page<T>(
    answer: &str,
    list: &str,
    mut item: impl FnMut(&mut ScopedDecoder<'_, '_>) -> Read<T>,
) -> Read<Page<T>> {
    decode(answer, |root| {
        let (mut found, mut next) = (Vec::new(), None);
        members(root, |name, tag| {
            if name == list {
                found = items(tag, &mut item)?;
            } else if name == "nextToken" {
                next = Some(text(tag)?);
            }
            Ok(())
        })?;
        Ok((found, next))
    })
}

/// EC2's error answer (`<Response><Errors><Error><Code>…`); anything else is told by its status.
pub(super) fn error(answer: &str, status: u16) -> ErrorMetadata {
    let (mut code, mut message, mut request_id) = (None, None, None);
    let read = decode(answer, |root| {
        members(root, |name, tag| {
            match name {
                "RequestID" => request_id = Some(text(tag)?),
                "Errors" => members(tag, |name, first| {
                    if name != "Error" || code.is_some() {
                        return Ok(());
                    }
                    members(first, |name, tag| {
                        match name {
                            "Code" => code = Some(text(tag)?),
                            "Message" => message = Some(text(tag)?),
                            _ => {}
                        }
                        Ok(())
                    })
                })?,
                _ => {}
            }
            Ok(())
        })
    });
    let mut meta = ErrorMetadata::builder();
    match code {
        Some(code) if read.is_ok() => {
            meta = meta.code(code);
            if let Some(message) = message {
                meta = meta.message(message);
            }
        }
        _ => {
            let shown: String = answer.chars().take(200).collect();
            meta = meta.message(format!("EC2 answered HTTP {status}: {}", shown.trim()));
        }
    }
    if let Some(id) = request_id {
        meta = meta.custom("aws_request_id", id);
    }
    meta.build()
}

pub(super) fn vpcs(answer: &str) -> Read<Page<Vpc>> {
    page(answer, "vpcSet", |item| {
        let mut vpc = Vpc::default();
        members(item, |name, tag| {
            match name {
                "vpcId" => vpc.vpc_id = text(tag)?,
                "isDefault" => vpc.is_default = text(tag)? == "true",
                _ => {}
            }
            Ok(())
        })?;
        Ok(vpc)
    })
}

pub(super) fn subnets(answer: &str) -> Read<Page<Subnet>> {
    page(answer, "subnetSet", |item| {
        let mut subnet = Subnet::default();
        members(item, |name, tag| {
            match name {
                "subnetId" => subnet.subnet_id = text(tag)?,
                "vpcId" => subnet.vpc_id = text(tag)?,
                "availabilityZone" => subnet.availability_zone = text(tag)?,
                _ => {}
            }
            Ok(())
        })?;
        Ok(subnet)
    })
}

/// The sources of one list of a permission: each source (under `key`) and its description.
fn sources(tag: &mut ScopedDecoder<'_, '_>, key: &str) -> Read<Vec<(String, Option<String>)>> {
    let found = items(tag, |item| {
        let (mut source, mut description) = (None, None);
        members(item, |name, tag| {
            if name == key {
                source = Some(text(tag)?);
            } else if name == "description" {
                description = Some(text(tag)?);
            }
            Ok(())
        })?;
        Ok(source.map(|source| (source, description)))
    })?;
    Ok(found.into_iter().flatten().collect())
}

/// A `tagSet`: each item's key and value.
fn tag_set(tag: &mut ScopedDecoder<'_, '_>) -> Read<Vec<(String, String)>> {
    items(tag, |item| {
        let (mut key, mut value) = (String::new(), String::new());
        members(item, |name, tag| {
            match name {
                "key" => key = text(tag)?,
                "value" => value = text(tag)?,
                _ => {}
            }
            Ok(())
        })?;
        Ok((key, value))
    })
}

fn permission(item: &mut ScopedDecoder<'_, '_>) -> Read<IpPermission> {
    let mut permission = IpPermission::default();
    members(item, |name, tag| {
        match name {
            "ipProtocol" => permission.ip_protocol = text(tag)?,
            "fromPort" => permission.from_port = Some(port(tag)?),
            "toPort" => permission.to_port = Some(port(tag)?),
            "ipRanges" => permission.ip_ranges = sources(tag, "cidrIp")?,
            "ipv6Ranges" => permission.ipv6_ranges = sources(tag, "cidrIpv6")?,
            "groups" => permission.groups = sources(tag, "groupId")?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(permission)
}

pub(super) fn security_groups(answer: &str) -> Read<Page<SecurityGroup>> {
    page(answer, "securityGroupInfo", |item| {
        let mut group = SecurityGroup::default();
        members(item, |name, tag| {
            match name {
                "groupId" => group.group_id = text(tag)?,
                "groupName" => group.group_name = text(tag)?,
                "groupDescription" => group.description = text(tag)?,
                "vpcId" => group.vpc_id = text(tag)?,
                "ipPermissions" => group.ip_permissions = items(tag, permission)?,
                "tagSet" => group.tags = tag_set(tag)?,
                _ => {}
            }
            Ok(())
        })?;
        Ok(group)
    })
}

/// The new group's id, from `CreateSecurityGroup`'s answer.
pub(super) fn group_id(answer: &str) -> Read<String> {
    let mut id = None;
    decode(answer, |root| {
        members(root, |name, tag| {
            if name == "groupId" {
                id = Some(text(tag)?);
            }
            Ok(())
        })
    })?;
    id.ok_or_else(|| XmlDecodeError::custom("EC2 created the security group but gave no groupId"))
}

fn instance(item: &mut ScopedDecoder<'_, '_>) -> Read<Instance> {
    let mut instance = Instance::default();
    members(item, |name, tag| {
        match name {
            "instanceId" => instance.instance_id = text(tag)?,
            "instanceType" => instance.instance_type = text(tag)?,
            "subnetId" => instance.subnet_id = text(tag)?,
            "iamInstanceProfile" => members(tag, |name, tag| {
                if name == "arn" {
                    instance.instance_profile_arn = text(tag)?;
                }
                Ok(())
            })?,
            "instanceState" => members(tag, |name, tag| {
                if name == "name" {
                    instance.state = text(tag)?;
                }
                Ok(())
            })?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(instance)
}

/// The instances `RunInstances` started.
pub(super) fn run_instances(answer: &str) -> Read<Vec<Instance>> {
    page(answer, "instancesSet", instance).map(|(instances, _)| instances)
}

/// The instances of every reservation of a `DescribeInstances` page.
pub(super) fn instances(answer: &str) -> Read<Page<Instance>> {
    let (reservations, next) = page(answer, "reservationSet", |reservation| {
        let mut found = Vec::new();
        members(reservation, |name, tag| {
            if name == "instancesSet" {
                found = items(tag, instance)?;
            }
            Ok(())
        })?;
        Ok(found)
    })?;
    Ok((reservations.into_iter().flatten().collect(), next))
}

/// The user data of `DescribeInstanceAttribute`, decoded from base64.
pub(super) fn user_data(answer: &str) -> Read<Option<String>> {
    let mut encoded = None;
    decode(answer, |root| {
        members(root, |name, tag| {
            if name == "userData" {
                members(tag, |name, tag| {
                    if name == "value" {
                        encoded = Some(text(tag)?);
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
    })?;
    encoded
        .map(|encoded| {
            aws_smithy_types::base64::decode(encoded.trim())
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
                .map_err(|e| XmlDecodeError::custom(format!("the user data is not base64: {e}")))
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Answers as EC2's documentation shows them (DescribeSecurityGroups, DescribeInstances,
    // an error), trimmed to a few members plus ones the reader must skip.

    #[test]
    fn security_groups_are_read_with_their_rules() {
        let answer = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <securityGroupInfo>
    <item>
      <ownerId>123456789012</ownerId>
      <groupId>sg-1a2b3c4d</groupId>
      <groupName>pet-web-ecs-sg</groupName>
      <groupDescription>Tasks &amp; their ALB</groupDescription>
      <vpcId>vpc-1a2b3c4d</vpcId>
      <ipPermissions>
        <item>
          <ipProtocol>tcp</ipProtocol>
          <fromPort>8080</fromPort>
          <toPort>8080</toPort>
          <groups>
            <item><userId>123456789012</userId><groupId>sg-9</groupId></item>
          </groups>
          <ipRanges>
            <item><cidrIp>10.0.0.0/8</cidrIp><description>office</description></item>
          </ipRanges>
          <ipv6Ranges/>
          <prefixListIds/>
        </item>
        <item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item>
      </ipPermissions>
      <ipPermissionsEgress><item><ipProtocol>-1</ipProtocol></item></ipPermissionsEgress>
    </item>
  </securityGroupInfo>
  <nextToken>page-2</nextToken>
</DescribeSecurityGroupsResponse>"#;
        let (groups, next) = security_groups(answer).unwrap();
        assert_eq!(next.as_deref(), Some("page-2"));
        assert_eq!(groups.len(), 1);
        let group = &groups[0];
        assert_eq!(
            (group.group_id.as_str(), group.group_name.as_str()),
            ("sg-1a2b3c4d", "pet-web-ecs-sg")
        );
        assert_eq!(group.description, "Tasks & their ALB");
        assert_eq!(group.vpc_id, "vpc-1a2b3c4d");
        assert_eq!(
            group.ip_permissions,
            [
                IpPermission {
                    ip_protocol: "tcp".into(),
                    from_port: Some(8080),
                    to_port: Some(8080),
                    ip_ranges: vec![("10.0.0.0/8".into(), Some("office".into()))],
                    ipv6_ranges: Vec::new(),
                    groups: vec![("sg-9".into(), None)],
                },
                IpPermission {
                    ip_protocol: "-1".into(),
                    ip_ranges: vec![("0.0.0.0/0".into(), None)],
                    ..IpPermission::default()
                },
            ],
            "egress rules are not inbound ones"
        );
    }

    #[test]
    fn instances_of_every_reservation_are_read() {
        let answer = r"<DescribeInstancesResponse>
  <reservationSet>
    <item><reservationId>r-1</reservationId><instancesSet>
      <item><instanceId>i-1</instanceId><instanceType>t3.small</instanceType>
        <subnetId>subnet-1</subnetId><iamInstanceProfile><arn>arn:aws:iam::1:instance-profile/p</arn><id>AIPA</id></iamInstanceProfile>
        <instanceState><code>16</code><name>running</name></instanceState>
        <tagSet><item><key>Name</key><value>dev</value></item></tagSet></item>
    </instancesSet></item>
    <item><instancesSet><item><instanceId>i-2</instanceId><instanceState><name>pending</name></instanceState></item></instancesSet></item>
  </reservationSet>
</DescribeInstancesResponse>";
        let (found, next) = instances(answer).unwrap();
        assert_eq!(next, None);
        let seen: Vec<_> = found
            .iter()
            .map(|i| {
                (
                    i.instance_id.as_str(),
                    i.instance_type.as_str(),
                    i.state.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [("i-1", "t3.small", "running"), ("i-2", "", "pending")]
        );
        assert_eq!(found[0].subnet_id, "subnet-1");
        assert_eq!(
            found[0].instance_profile_arn,
            "arn:aws:iam::1:instance-profile/p"
        );
    }

    #[test]
    fn the_other_answers_are_read() {
        let (vpcs, _) = vpcs(
            "<R><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>false</isDefault></item>\
             <item><vpcId>vpc-2</vpcId><isDefault>true</isDefault></item></vpcSet></R>",
        )
        .unwrap();
        assert_eq!(
            vpcs.iter()
                .map(|v| (v.vpc_id.as_str(), v.is_default))
                .collect::<Vec<_>>(),
            [("vpc-1", false), ("vpc-2", true)]
        );
        let (subnets, _) = subnets(
            "<R><subnetSet><item><subnetId>subnet-1</subnetId><vpcId>vpc-2</vpcId>\
             <availabilityZone>ap-northeast-2a</availabilityZone></item></subnetSet></R>",
        )
        .unwrap();
        assert_eq!(subnets[0].availability_zone, "ap-northeast-2a");
        assert_eq!(
            group_id("<CreateSecurityGroupResponse><return>true</return><groupId>sg-7</groupId></CreateSecurityGroupResponse>").unwrap(),
            "sg-7"
        );
        assert!(group_id("<CreateSecurityGroupResponse/>").is_err());
        assert_eq!(
            user_data("<R><instanceId>i-1</instanceId><userData><value>IyEvYmluL2Jhc2gK</value></userData></R>")
                .unwrap()
                .as_deref(),
            Some("#!/bin/bash\n")
        );
        assert_eq!(user_data("<R><userData/></R>").unwrap(), None);
        let started = run_instances(
            "<RunInstancesResponse><instancesSet><item><instanceId>i-9</instanceId></item></instancesSet></RunInstancesResponse>",
        )
        .unwrap();
        assert_eq!(started[0].instance_id, "i-9");
    }

    #[test]
    fn errors_give_ec2s_code_or_the_status() {
        let answer = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>\
            <Code>InvalidPermission.Duplicate</Code><Message>the rule already exists</Message>\
            </Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>";
        let meta = error(answer, 400);
        assert_eq!(meta.code(), Some("InvalidPermission.Duplicate"));
        assert_eq!(meta.message(), Some("the rule already exists"));
        assert_eq!(
            meta.extra("aws_request_id"),
            Some("ea966190-f9aa-478e-9ede-example")
        );
        let meta = error("<html>Bad Gateway</html>", 502);
        assert_eq!(meta.code(), None);
        assert_eq!(
            meta.message(),
            Some("EC2 answered HTTP 502: <html>Bad Gateway</html>")
        );
        assert!(
            decode("not xml", |_| Ok(())).is_err(),
            "an answer that is not XML is an error, not an empty list"
        );
    }
}

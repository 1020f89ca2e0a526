//! Amazon Resource Names, split in one pass.

use std::fmt;

use crate::bytes::byte_mask;

/// The parts of an ARN: `arn:partition:service:region:account:resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, …
    pub partition: &'a str,
    /// `iam`, `ecs`, `secretsmanager`, …
    pub service: &'a str,
    /// Empty for global services.
    pub region: &'a str,
    /// Empty for S3 objects.
    pub account: &'a str,
    /// Everything after the fifth colon (`role/app`, `secret:db-AbCdEf:password::`).
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits `text`, or `None` when it is not an ARN.
    #[must_use]
    pub fn parse(text: &'a str) -> Option<Self> {
        match split_colons::<6>(text) {
            [
                Some("arn"),
                Some(partition),
                Some(service),
                Some(region),
                Some(account),
                Some(resource),
            ] => Some(Self {
                partition,
                service,
                region,
                account,
                resource,
            }),
            _ => None,
        }
    }

    /// The last segment of the resource: `cluster/prod` → `prod`, `role/path/app` → `app`.
    #[must_use]
    pub fn resource_name(&self) -> &'a str {
        self.resource
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(self.resource)
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

/// `s.splitn(N, ':')` as an array, in one pass over the bytes, eight at a time: validation
/// splits every secret reference and role, and `str::split`'s searcher costs more than the
/// short fields.
#[must_use]
pub(crate) fn split_colons<const N: usize>(s: &str) -> [Option<&str>; N] {
    let mut fields = [None; N];
    let bytes = s.as_bytes();
    let (mut start, mut n, mut at) = (0, 0, 0);
    'words: while n + 1 < N && at < bytes.len() {
        let end = bytes.len().min(at + 8);
        let word = if let Some(word) = bytes.get(at..at + 8) {
            word.try_into().unwrap_or_default()
        } else {
            // The last word is padded with zeros, which are not colons.
            let mut word = [0; 8];
            for (to, from) in word.iter_mut().zip(&bytes[at..]) {
                *to = *from;
            }
            word
        };
        let mut colons = byte_mask(u64::from_le_bytes(word), b':');
        while colons != 0 {
            // A colon is ASCII, so the slices end on character boundaries.
            let i = at + (colons.trailing_zeros() / 8) as usize;
            fields[n] = s.get(start..i);
            n += 1;
            start = i + 1;
            if n + 1 == N {
                break 'words;
            }
            colons &= colons - 1;
        }
        at = end;
    }
    if let Some(last) = fields.get_mut(n) {
        *last = s.get(start..);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_arns() {
        let arn =
            Arn::parse("arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf:password::").unwrap();
        assert_eq!(
            (arn.service, arn.resource),
            ("secretsmanager", "secret:db-AbCdEf:password::")
        );
        assert_eq!(
            arn.to_string(),
            "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf:password::"
        );
        assert!(Arn::parse("secret-name").is_none());
        assert!(Arn::parse("arn:aws").is_none());
        assert_eq!(
            Arn::parse("arn:aws-cn:ssm:cn-north-1:1:parameter/x").map(|a| a.service),
            Some("ssm")
        );
        assert_eq!(
            Arn::parse("arn:aws:ecs:us-east-1:1:cluster/prod").map(|a| a.resource_name()),
            Some("prod")
        );
        assert_eq!(
            Arn::parse("arn:aws:iam::1:role/service/app").map(|a| a.resource_name()),
            Some("app")
        );
    }

    #[test]
    fn splits_like_splitn() {
        fn check<const N: usize>(text: &str) {
            let expected: Vec<&str> = text.splitn(N, ':').collect();
            let fields: Vec<&str> = split_colons::<N>(text).into_iter().flatten().collect();
            assert_eq!(fields, expected, "{text:?} in {N}");
        }
        let mut texts: Vec<String> = [
            "",
            ":",
            "a",
            "a:b",
            "arn:aws:s3:::bucket/key",
            "a::b:",
            "x:é:ü:::z:9",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::",
        ]
        .map(String::from)
        .into();
        // Every string of up to 9 characters over `a`, `:` and `é`: colons at each place of
        // the eight-byte words and across their edges.
        let mut level = vec![String::new()];
        for _ in 0..9 {
            level = level
                .iter()
                .flat_map(|t| ["a", ":", "é"].map(|c| format!("{t}{c}")))
                .collect();
            texts.extend(level.iter().cloned());
        }
        for text in &texts {
            check::<1>(text);
            check::<2>(text);
            check::<4>(text);
            check::<6>(text);
        }
    }
}

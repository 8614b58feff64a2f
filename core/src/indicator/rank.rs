//! 排名: ranks among counties by value, largest first; equal values share a rank ("1, 2, 2, 4").

/// Ranks for `values` in their original order; missing values get no rank.
pub fn rank_desc(values: &[Option<i64>]) -> Vec<Option<u32>> {
    values
        .iter()
        .map(|v| {
            let v = (*v)?;
            let larger = values.iter().filter(|o| o.is_some_and(|o| o > v)).count();
            Some(larger as u32 + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranking() {
        type Case<'a> = (&'a [Option<i64>], &'a [Option<u32>]);
        let cases: [Case; 3] = [
            (&[Some(5), Some(9), Some(7)], &[Some(3), Some(1), Some(2)]),
            (&[Some(9), Some(7), Some(7), Some(1)], &[Some(1), Some(2), Some(2), Some(4)]),
            (&[Some(3), None, Some(4)], &[Some(2), None, Some(1)]),
        ];
        for (values, want) in cases {
            assert_eq!(rank_desc(values), want);
        }
    }
}

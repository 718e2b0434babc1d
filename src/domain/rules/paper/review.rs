//! 定密 changes: the result of a declassification review (R-CLS-7).

use super::Act;
use crate::domain::error::{Checked, Refusal};
use crate::domain::paper::Paper;

/// R-CLS-7: the result of a declassification review.
pub(super) fn check_review(paper: &Paper, act: &Act) -> Checked<()> {
    match act.method.trim() {
        "解密" => Ok(()),
        "变更期限" => {
            let Some(_) = act.due else {
                return Err(Refusal::field("新的保密期限", "变更期限须写明新的到期日期"));
            };
            if !paper.level.is_state_secret() {
                return Err(Refusal::field("审查结论", "非国家秘密无保密期限可变更"));
            }
            Ok(())
        }
        _ => Err(Refusal::field("审查结论", "请写 解密 或 变更期限")),
    }
}

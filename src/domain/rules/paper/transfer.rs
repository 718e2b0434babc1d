//! 传递 (3): the confidential channels and 绝密's escorts (R-PAP-6).

use super::Act;
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::Level;

/// R-PAP-6: how a paper may travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// 机要交通
    ConfidentialCourier,
    /// 机要通信 (邮政机要通信)
    ConfidentialPost,
    /// 保密员专送: the officer carries it.
    Officer,
    /// 专人专车: a dedicated person and car.
    DedicatedCar,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::ConfidentialCourier,
        Channel::ConfidentialPost,
        Channel::Officer,
        Channel::DedicatedCar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Channel::ConfidentialCourier => "机要交通",
            Channel::ConfidentialPost => "机要通信",
            Channel::Officer => "保密员专送",
            Channel::DedicatedCar => "专人专车",
        }
    }

    /// R-PAP-6: names the forbidden channels by rule; anything else unknown is a field error.
    pub fn parse(input: &str) -> Checked<Channel> {
        let s = input.trim();
        if let Some(c) = Channel::ALL.into_iter().find(|c| c.name() == s) {
            return Ok(c);
        }
        if s == "保密员" || s == "专人" {
            return Ok(Channel::Officer);
        }
        const FORBIDDEN: [&str; 8] = [
            "普通邮政",
            "邮寄",
            "平信",
            "快递",
            "明码电报",
            "普通传真",
            "传真",
            "无关人员",
        ];
        if FORBIDDEN.iter().any(|f| s.contains(f)) {
            return Err(Refusal::rule(
                "R-PAP-6",
                format!("密件不得通过「{s}」传递，只能经机要交通、机要通信或由保密员传递"),
            ));
        }
        Err(Refusal::field(
            "传递方式",
            format!(
                "「{s}」不是传递方式，请写 {}",
                Channel::ALL.map(Channel::name).join("、")
            ),
        ))
    }

    /// Carried by hand rather than by the confidential service.
    pub fn by_hand(self) -> bool {
        matches!(self, Channel::Officer | Channel::DedicatedCar)
    }
}

/// R-PAP-6: the channel is a confidential one; 绝密 goes by the confidential service, or by hand
/// with two escorts.
pub fn check_transfer(level: Level, act: &Act) -> Checked<Channel> {
    if act.channel.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-6",
            "须写明传递方式（机要交通、机要通信、保密员专送、专人专车）",
        ));
    }
    let channel = Channel::parse(&act.channel)?;
    if level == Level::TopSecret && channel.by_hand() {
        let escorts: Vec<&String> = act
            .persons
            .iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        let distinct: std::collections::BTreeSet<&str> = escorts.iter().map(|s| s.trim()).collect();
        if distinct.len() < 2 {
            return Err(Refusal::rule(
                "R-PAP-6",
                "绝密件须经机要交通或机要通信递送；专人专车传递须二人护送，请写明两名护送人",
            ));
        }
    }
    Ok(channel)
}

//! What the demo's papers are made of: the originators, the titles official documents take, the
//! people, the cabinets, and how often each level comes.

use super::Rng;
use crate::domain::level::Level;

pub(super) const ORIGINATORS: [(&str, &str); 16] = [
    ("市委办公室", "江委办"),
    ("市政府办公室", "江府办"),
    ("市保密局", "江保密"),
    ("市公安局", "江公"),
    ("市财政局", "江财"),
    ("市委组织部", "江组"),
    ("省委办公厅", "粤委办"),
    ("省保密局", "粤保密"),
    ("市国家安全局", "江安"),
    ("市发展和改革局", "江发改"),
    ("人民银行江门市分行", "江银"),
    ("重庆市保密局", "渝保密"),
    ("市审计局", "江审"),
    ("市应急管理局", "江应急"),
    ("市人民武装部", "江武"),
    ("市委宣传部", "江宣"),
];

const ACTIONS: [&str; 6] = ["做好", "加强", "开展", "进一步规范", "落实", "组织"];

const TOPICS: [&str; 30] = [
    "保密自查自评",
    "涉密人员管理",
    "涉密载体清查",
    "网络安全检查",
    "防汛防台风",
    "重大项目建设",
    "财政预算执行",
    "干部人事调整",
    "信访维稳",
    "重庆对口协作",
    "银行业风险排查",
    "长期规划编制",
    "应急演练",
    "国庆安保",
    "党风廉政建设",
    "审计整改",
    "统计数据核查",
    "招商引资",
    "土地储备",
    "城市总体规划",
    "人才引进",
    "民族宗教",
    "国防动员",
    "边海防管理",
    "军民融合发展",
    "保密宣传教育月",
    "要害部门部位检查",
    "涉密计算机专项检查",
    "密码电报管理",
    "保密工作责任制考核",
];

/// A title in one of the forms official documents take.
pub(super) fn title(rng: &mut Rng, year: i32) -> String {
    let topic = rng.pick(&TOPICS);
    match rng.below(8) {
        0 | 1 => format!("关于{}{}工作的通知", rng.pick(&ACTIONS), topic),
        2 => format!("关于{year}年{topic}情况的报告"),
        3 => format!("关于{topic}有关问题的通报"),
        4 => format!("{year}年{topic}工作方案"),
        5 => format!("{topic}专题会议纪要"),
        6 => format!("关于印发《{topic}实施细则》的通知"),
        _ => format!("关于商请支持{topic}有关事项的函"),
    }
}

/// The unit's departments (承办/使用部门 of papers, media and computers).
pub(super) const DEPTS: [&str; 6] = [
    "办公室",
    "综合科",
    "财务科",
    "人事科",
    "业务一科",
    "业务二科",
];

pub(super) const PEOPLE: [&str; 18] = [
    "张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐明", "孙丽",
    "马超", "朱琳", "胡军", "郭涛", "林峰", "何雪",
];

pub(super) const CABINETS: [&str; 5] = [
    "1号保密柜",
    "2号保密柜",
    "3号保密柜",
    "4号保密柜",
    "5号保密柜",
];

pub(super) fn level(rng: &mut Rng) -> Level {
    match rng.below(100) {
        0..=4 => Level::TopSecret,
        5..=39 => Level::Secret,
        40..=89 => Level::Confidential,
        _ => Level::Internal,
    }
}

/// Someone for the `i`th paper: the same one every run.
pub(super) fn person(i: usize) -> String {
    PEOPLE[(i * 7) % PEOPLE.len()].to_string()
}
